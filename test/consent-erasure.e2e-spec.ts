import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EncryptedPersonal, EventTypes } from '@app/contracts';
import { openEventStore } from '@app/event-store';
import { openKeyVault, PersonalDataCipher } from '@app/personal-data';
import { AppProcess, eventually, settledHead, setUpProvider } from '@app/testing';

const ok = (res: { status: number; body: unknown }, status = 200) => {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as any;
};
type Id = { scheme: string; value: string };
const nsn = (value: string): Id => ({ scheme: 'NZ-NSN', value });
const email = (value: string): Id => ({ scheme: 'EMAIL', value });
const item = (ref: string, achievementId: string, identifiers: Id[], personal: { name?: string; birthDate?: string } = {}) => ({
  sourceEventId: `src-${ref}`, type: 'CredentialIssued', occurredAt: '2026-03-01T09:00:00Z',
  data: { credentialRef: ref, achievementId, holder: { identifiers, ...personal }, issuedAt: '2026-03-01T00:00:00Z' },
});

/** Every file under `dir`, recursively (SQLite files, their WAL and shared memory, logs, keys). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * Consent and erasure end to end: a learner key manages its own consents and nobody else's;
 * after erasure no answer, file or log line holds the learner's name or birth date, and
 * none can be recorded again.
 */
describe('consent and erasure over HTTP', () => {
  let dir: string;
  let app: AppProcess;
  let admin: string;
  const providers: Record<string, { key: string; achievementId: string }> = {};
  const tag = randomBytes(4).toString('hex');
  // Strings that occur nowhere else: the name carries a random tag, the birth date is one no fixture uses.
  const secret = { name: `Kahurangi Erasetest-${tag}`, birthDate: '1961-07-23' };
  const other = { name: `Rawiri Keeptest-${tag}`, birthDate: '1962-11-04' };
  const ids = { a: nsn('444444444'), aMail: email(`kahu-${tag}@example.nz`), b: nsn('555555555') };
  let learnerA: string;
  let learnerAlias: string;
  let learnerB: string;
  let keyA: string;
  let keyB: string;
  const credentialIds: string[] = [];
  let credentialOfB: string;

  const issue = async (providerId: string, ref: string, identifiers: Id[], personal: { name?: string; birthDate?: string } = {}) => {
    const p = providers[providerId];
    return ok(await app.api('POST', `/v1/providers/${providerId}/events`, { key: p.key, body: { items: [item(ref, p.achievementId, identifiers, personal)] } }), 207).results[0];
  };
  const lookup = async (identifiers: Id[]): Promise<string[]> =>
    ok(await app.api('POST', '/v1/learners/lookup', { key: admin, body: { identifiers } })).learners.map((l: { learnerId: string }) => l.learnerId);
  const learnerOf = async (identifiers: Id[]): Promise<string> => {
    await eventually(async () => (await lookup(identifiers)).length === 1, 15_000, 'identity resolution');
    return (await lookup(identifiers))[0];
  };
  const consents = async (key: string, learnerId = learnerA) => ok(await app.api('GET', `/v1/learners/${learnerId}/consents`, { key }));

  /** Every answer the API gives about the learner that this suite can reach. */
  const answersAbout = async (): Promise<string[]> => {
    const answers = [
      await app.api('POST', '/v1/learners/lookup', { key: admin, body: { identifiers: [ids.a, ids.aMail] } }),
      await app.api('GET', `/v1/learners/${learnerA}/consents`, { key: admin }),
      await app.api('GET', `/v1/learners/${learnerA}/erasure`, { key: admin }),
      await app.api('GET', `/v1/learners/${learnerA}/record`, { key: admin }),
      await app.api('GET', `/v1/learners/${learnerAlias}/consents`, { key: keyA }),
      ...(await Promise.all(credentialIds.map((id) => app.api('GET', `/v1/credentials/${id}/verification`, { key: admin })))),
      ...(await Promise.all(credentialIds.map((id) => app.api('GET', `/v1/credentials/${id}/standing`, { key: admin })))),
      ...(await Promise.all(Object.keys(providers).map((p) => app.api('GET', `/v1/providers/${p}/credentials`, { key: admin })))),
      ...(await Promise.all(['CE-A1', 'CE-A2', 'CE-ALIAS'].map((ref) => app.api('GET', `/v1/providers/ce-uni/credentials/by-ref/${ref}`, { key: admin })))),
      await app.api('GET', '/v1/discrepancies', { key: admin }),
    ];
    return answers.map((a) => (typeof a.body === 'string' ? a.body : JSON.stringify(a.body)));
  };

  /** The personal data that can still be read by decrypting these credentials (the erased learner's by default) with the app's own vault. */
  const decryptable = async (of = credentialIds): Promise<string[]> => {
    const events = await openEventStore(`sqlite:${join(dir, 'events.db')}`);
    const vault = await openKeyVault(`sqlite:${join(dir, 'vault.db')}`, dir);
    try {
      const cipher = new PersonalDataCipher(vault);
      const found: string[] = [];
      for (const e of await events.readAll({ maxCount: 100_000 })) {
        if (e.type !== EventTypes.CredentialIssued || !of.includes(e.data.credentialId)) continue;
        const personal = await cipher.decrypt(e.data.holder.personal as EncryptedPersonal);
        if (personal) found.push(JSON.stringify(personal));
      }
      return found;
    } finally {
      await vault.close();
      await events.close();
    }
  };

  /**
   * Where any of `values` can be found: API answers, every byte of every file in the data
   * directory (the app's stdout/stderr log is one of them), and whatever the vault still decrypts.
   */
  const sweep = async (values: string[]): Promise<string[]> => {
    const found: string[] = [];
    for (const answer of await answersAbout()) for (const v of values) if (answer.includes(v)) found.push(`API answer: ${v}`);
    for (const file of filesUnder(dir)) {
      const bytes = readFileSync(file);
      for (const v of values) if (bytes.includes(Buffer.from(v, 'utf8'))) found.push(`${file}: ${v}`);
    }
    for (const personal of await decryptable()) for (const v of values) if (personal.includes(v)) found.push(`decrypted with the vault: ${v}`);
    return found;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-consent-'));
    app = await AppProcess.start({ dataDir: dir, env: { LOG_LEVEL: 'info' } });
    admin = app.adminKey();
    for (const id of ['ce-uni', 'ce-poly']) providers[id] = await setUpProvider(app, id);
    for (const [providerId, ref, identifiers, personal] of [
      ['ce-uni', 'CE-A1', [ids.a], secret],
      ['ce-poly', 'CE-A2', [ids.a], secret],
      ['ce-uni', 'CE-ALIAS', [ids.aMail], secret],
      ['ce-poly', 'CE-B1', [ids.b], other],
    ] as const) {
      const result = await issue(providerId, ref, [...identifiers], personal);
      expect(result.outcome).toBe('accepted');
      if (ref === 'CE-B1') credentialOfB = result.credentialId;
      else credentialIds.push(result.credentialId);
    }
    learnerA = await learnerOf([ids.a]);
    learnerAlias = await learnerOf([ids.aMail]);
    learnerB = await learnerOf([ids.b]);
    // The e-mail turns out to be the same person: merged, so erasing A must reach the alias's credential too.
    ok(await app.api('POST', '/v1/learners/merge', { key: admin, body: { learnerIds: [learnerA, learnerAlias], reason: 'same person' } }));
  }, 90_000);

  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('when an admin issues learner keys', () => {
    it('binds each to an existing learner, and refuses one without a learner or for no learner', async () => {
      const issued = ok(await app.api('POST', '/v1/api-keys', { key: admin, body: { role: 'learner', scope: { learnerId: learnerA } } }), 201);
      expect(issued).toMatchObject({ role: 'learner', scope: { learnerId: learnerA } });
      keyA = issued.apiKey;
      keyB = ok(await app.api('POST', '/v1/api-keys', { key: admin, body: { role: 'learner', scope: { learnerId: learnerB } } }), 201).apiKey;
      for (const scope of [{}, { learnerId: '99999999-9999-4999-8999-999999999999' }, { learnerId: 'nobody' }]) {
        const res = await app.api('POST', '/v1/api-keys', { key: admin, body: { role: 'learner', scope } });
        expect(res.status).toBe(400);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('scope.learnerId');
      }
    });
  });

  describe("when a learner manages their consents with their own key", () => {
    it('grants, lists (also through a merged-in id) and withdraws them; the same grant twice records once', async () => {
      const body = { purposes: ['employment-verification'], expiresAt: '2030-06-30T00:00:00Z' };
      const granted = ok(await app.api('PUT', `/v1/learners/${learnerA}/consents/employer-portal`, { key: keyA, body }));
      expect(granted).toMatchObject({ learnerId: learnerA, partnerId: 'employer-portal', status: 'granted', purposes: ['employment-verification'], expiresAt: '2030-06-30T00:00:00.000Z' });
      expect(granted.position).toEqual(expect.any(Number));
      const again = ok(await app.api('PUT', `/v1/learners/${learnerA}/consents/employer-portal`, { key: keyA, body }));
      expect(again.position).toBeUndefined();
      // An admin may too; no purposes means every documented purpose.
      const all = ok(await app.api('PUT', `/v1/learners/${learnerA}/consents/wallet-co`, { key: admin, body: {} }));
      expect(all.purposes).toEqual(['admission', 'employment-verification', 'mobility', 'wallet']);
      await eventually(async () => (await consents(keyA)).consents.length === 2, 15_000, 'consents projected');
      expect((await consents(keyA, learnerAlias)).learnerId).toBe(learnerA);
      const withdrawn = ok(await app.api('DELETE', `/v1/learners/${learnerA}/consents/wallet-co`, { key: keyA }));
      expect(withdrawn).toMatchObject({ status: 'withdrawn', partnerId: 'wallet-co' });
      const none = await app.api('DELETE', `/v1/learners/${learnerA}/consents/wallet-co`, { key: keyA });
      expect(none.status).toBe(404);
      await eventually(async () => (await consents(keyA)).consents.some((c: { status: string }) => c.status === 'withdrawn'), 15_000, 'withdrawal projected');
      const listed = await consents(keyA);
      expect(listed.erased).toBe(false);
      expect(listed.consents).toEqual([
        expect.objectContaining({ partnerId: 'employer-portal', status: 'granted', purposes: ['employment-verification'], expiresAt: '2030-06-30T00:00:00.000Z' }),
        expect.objectContaining({ partnerId: 'wallet-co', status: 'withdrawn' }),
      ]);
    });

    it("gives another learner's key the same 404 as for a learner that does not exist, and writes nothing", async () => {
      const before = await settledHead(app, admin);
      const tries = [
        ['PUT', `/v1/learners/${learnerA}/consents/spy`, {}],
        ['DELETE', `/v1/learners/${learnerA}/consents/employer-portal`, undefined],
        ['GET', `/v1/learners/${learnerA}/consents`, undefined],
        ['POST', `/v1/learners/${learnerA}/erasure`, { reason: 'not mine' }],
        ['GET', `/v1/learners/${learnerA}/erasure`, undefined],
      ] as const;
      for (const [method, path, body] of tries) {
        const res = await app.api(method, path, { key: keyB, body });
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('LEARNER.NOT_FOUND');
        const missing = await app.api(method, path.replace(learnerA, '99999999-9999-4999-8999-999999999999'), { key: keyB, body });
        expect({ ...missing.body, instance: undefined }).toEqual({ ...res.body, instance: undefined });
      }
      // Other roles are refused by role, before anything is looked up.
      expect((await app.api('GET', `/v1/learners/${learnerA}/consents`, { key: providers['ce-uni'].key })).status).toBe(403);
      expect(await settledHead(app, admin)).toBe(before);
    });
  });

  describe('before erasure', () => {
    it('the sweep finds the personal data (decrypting with the vault) and a control string placed in the data directory', async () => {
      const control = `control-${tag}`;
      mkdirSync(join(dir, 'sweep-control'), { recursive: true });
      writeFileSync(join(dir, 'sweep-control', 'placed.bin'), Buffer.from(`xx${control}xx`, 'utf8'));
      try {
        const found = await sweep([secret.name, secret.birthDate, control]);
        expect(found).toEqual(expect.arrayContaining([`decrypted with the vault: ${secret.name}`, `decrypted with the vault: ${secret.birthDate}`, expect.stringContaining(`placed.bin: ${control}`)]));
        // …and nothing else: stored personal data is never in clear, even before erasure.
        expect(found.filter((f) => !f.startsWith('decrypted') && !f.includes(control))).toEqual([]);
      } finally {
        rmSync(join(dir, 'sweep-control'), { recursive: true, force: true });
      }
    });
  });

  describe('when the learner erases themselves', () => {
    let erasure: any;

    beforeAll(async () => {
      erasure = ok(await app.api('POST', `/v1/learners/${learnerA}/erasure`, { key: keyA, body: { reason: 'asked to be forgotten' } }));
    });

    it("destroys the keys of every credential the learner holds, the merged-in learner's included, and says erased", async () => {
      expect(erasure).toMatchObject({ learnerId: learnerA, erased: true });
      const again = ok(await app.api('POST', `/v1/learners/${learnerA}/erasure`, { key: admin, body: { reason: 'again' } }));
      expect(again).toEqual(erasure);
      await eventually(async () => (await consents(admin)).erased === true, 15_000, 'erasure projected');
      expect(ok(await app.api('GET', `/v1/learners/${learnerA}/erasure`, { key: keyA }))).toMatchObject({ erased: true, erasedAt: erasure.erasedAt });
      expect(await decryptable()).toEqual([]);
    });

    it('says erased in the record, from the log: as of the erasure and after it, also through the merged-in id, and not before', async () => {
      const record = async (learnerId: string, asOf?: string) => ok(await app.api('GET', `/v1/learners/${learnerId}/record${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ''}`, { key: admin }));
      expect(await record(learnerA)).toMatchObject({ learnerId: learnerA, erased: true, erasedAt: erasure.erasedAt });
      expect(await record(learnerA, erasure.erasedAt)).toMatchObject({ erased: true, erasedAt: erasure.erasedAt });
      expect(await record(learnerAlias)).toMatchObject({ answeredAs: learnerA, erased: true, erasedAt: erasure.erasedAt });
      const before = await record(learnerA, new Date(Date.parse(erasure.erasedAt) - 1).toISOString());
      expect(before.erased).toBe(false);
      expect(before.erasedAt).toBeUndefined();
      expect(before.credentials.length).toBeGreaterThan(0);
      expect(ok(await app.api('GET', `/v1/learners/${learnerA}/record`, { key: keyA })).erased).toBe(true);
    });

    it('leaves no name or birth date in any answer, file or log line', async () => {
      expect(await sweep([secret.name, secret.birthDate])).toEqual([]);
    });

    it('keeps the other learner readable', async () => {
      expect(await decryptable([credentialOfB])).toEqual([JSON.stringify(other)]);
      expect(ok(await app.api('GET', `/v1/learners/${learnerB}/consents`, { key: keyB })).erased).toBe(false);
    });

    it("refuses to record personal data again for any of the learner's identifiers, as a rejected item (not a 500)", async () => {
      for (const [ref, identifiers] of [['CE-A3', [ids.a]], ['CE-A4', [ids.aMail]]] as const) {
        const result = await issue('ce-uni', ref, [...identifiers], secret);
        expect(result).toMatchObject({ outcome: 'rejected', errors: [expect.objectContaining({ code: 'LEARNER.ERASED' })] });
      }
      // Without personal data, credentials are still recorded for the learner.
      expect((await issue('ce-uni', 'CE-A5', [ids.a])).outcome).toBe('accepted');
      expect(await sweep([secret.name, secret.birthDate])).toEqual([]);
    });

    it('refuses new consents for the erased learner, and still lets them withdraw', async () => {
      const res = await app.api('PUT', `/v1/learners/${learnerA}/consents/admissions-office`, { key: keyA, body: {} });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('LEARNER.ERASED');
      ok(await app.api('DELETE', `/v1/learners/${learnerA}/consents/employer-portal`, { key: keyA }));
    });
  });

  describe('when the read store is rebuilt from the log', () => {
    it('yields the same erased record and consents', async () => {
      await eventually(async () => (await consents(admin)).consents.every((c: { status: string }) => c.status === 'withdrawn'), 15_000, 'withdrawal projected');
      const record = async (asOf: string) => ok(await app.api('GET', `/v1/learners/${learnerA}/record?asOf=${encodeURIComponent(asOf)}`, { key: admin }));
      const asOf = new Date().toISOString();
      const before = { consents: await consents(admin), erasure: ok(await app.api('GET', `/v1/learners/${learnerA}/erasure`, { key: admin })), record: await record(asOf) };
      expect(before.record).toMatchObject({ erased: true });
      await app.stop();
      for (const file of readdirSync(dir).filter((f) => f.startsWith('read.db'))) rmSync(join(dir, file));
      app = await AppProcess.start({ dataDir: dir, env: { LOG_LEVEL: 'info' } });
      await eventually(async () => (await app.api('GET', '/v1/projections', { key: admin })).body.lag === 0, 30_000, 'replayed');
      await eventually(async () => (await app.api('GET', `/v1/learners/${learnerA}/erasure`, { key: admin })).status === 200, 15_000, 'learner replayed');
      expect({ consents: await consents(admin), erasure: ok(await app.api('GET', `/v1/learners/${learnerA}/erasure`, { key: admin })), record: await record(asOf) }).toEqual(before);
      expect(await sweep([secret.name, secret.birthDate])).toEqual([]);
    }, 90_000);
  });
});
