import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiResponse, AppProcess, ed25519KeyPair, eventually, issueItem, setUpProvider } from '@app/testing';
import { CORPUS, Fixtures, Try } from '@app/testing';

interface FieldError { field: string; message: string }

/**
 * The bad-input corpus (libs/testing/src/bad-input.corpus.ts) against the standalone ledger: every try
 * is a 4xx problem+json naming the field (or a 207 whose item is rejected naming it), never
 * a 5xx, writes nothing, and the process answers /health afterwards.
 */
describe('bad input over HTTP', () => {
  let dir: string;
  let app: AppProcess;
  const keys: Record<Try['as'], string> = { admin: '', provider: '', qa: '' };
  const f: Fixtures = { providerId: 'bad-input-uni', achievementId: '', accreditationId: '', qaBodyId: 'bad-input-qa', jwk: ed25519KeyPair().publicKeyJwk };

  const ok = (res: ApiResponse, status: number) => {
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const head = async () => ok(await app.api('GET', '/v1/projections', { key: keys.admin }), 200).head as number;
  const named = (errors: FieldError[] | undefined, detail: string | undefined, field: string | RegExp) =>
    (errors ?? []).some((e) => (typeof field === 'string' ? e.field === field : field.test(e.field))) || (typeof field === 'string' && (detail ?? '').includes(field));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-bad-input-'));
    app = await AppProcess.start({ dataDir: dir });
    keys.admin = app.adminKey();
    ({ key: keys.provider, achievementId: f.achievementId } = await setUpProvider(app, f.providerId));
    ok(await app.api('POST', `/v1/providers/${f.providerId}/signing-keys`, { key: keys.provider, body: { keyId: 'k1', publicKeyJwk: f.jwk } }), 201);
    ok(await app.api('POST', `/v1/providers/${f.providerId}/events`, { key: keys.provider, body: { items: [issueItem('bi-1', 'BI-1', f.achievementId)] } }), 207);
    // Identity resolution writes the learner's events after the credential: let it finish so "nothing written" compares a still log.
    await eventually(async () => (await app.api('POST', '/v1/learners/lookup', { key: keys.admin, body: { identifiers: [{ scheme: 'NZ-NSN', value: '123456789' }] } })).body.learners?.length === 1, 15_000, 'identity resolution');
    ok(await app.api('POST', '/v1/qa-bodies', { key: keys.admin, body: { qaBodyId: f.qaBodyId, name: 'Bad-input QA', jurisdictions: ['NZ'], frameworks: ['NZQCF'] } }), 201);
    keys.qa = ok(await app.api('POST', '/v1/api-keys', { key: keys.admin, body: { role: 'qa-body', scope: { qaBodyId: f.qaBodyId, jurisdictions: ['NZ'] } } }), 201).apiKey;
    ok(await app.api('POST', '/v1/policies/NZ', { key: keys.admin }), 201);
    f.accreditationId = ok(await app.api('POST', '/v1/accreditations', {
      key: keys.qa,
      body: { providerId: f.providerId, scope: { framework: 'NZQCF', minLevel: 5, maxLevel: 7 }, validFrom: '2026-03-01T00:00:00Z', validUntil: '2027-03-01T00:00:00Z' },
    }), 201).accreditationId;
    // The lookups above are reads of learner data, recorded by the access audit a moment after they answer: let the log settle.
    let last = -1;
    await eventually(async () => {
      const now = await head();
      const still = now === last;
      last = now;
      if (!still) await new Promise((r) => setTimeout(r, 300));
      return still;
    }, 15_000, 'the log is still');
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds at least 100 tries', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(100);
    expect(new Set(CORPUS.map((t) => t.name)).size).toBe(CORPUS.length);
  });

  it.each(CORPUS.map((t) => [t.name, t] as const))('refuses %s, naming the field, writing nothing', async (_name, t) => {
    const before = await head();
    const res = await app.api(t.method ?? 'POST', t.path(f), { key: keys[t.as], body: t.body?.(f), raw: t.raw, headers: t.headers });
    const expected = t.status ?? 400;
    if (res.status !== expected) throw new Error(`expected ${expected}, got ${res.status}: ${JSON.stringify(res.body).slice(0, 500)}`);
    if (expected === 207) {
      const [item] = res.body.results as { outcome: string; errors?: FieldError[] }[];
      expect(item.outcome).toBe('rejected');
      expect(named(item.errors, undefined, t.field)).toBe(true);
      if (t.notField) expect(named(item.errors, undefined, t.notField)).toBe(false);
    } else {
      expect(res.contentType).toContain('application/problem+json');
      expect(res.body).toMatchObject({ status: expected, code: expect.any(String) });
      if (!named(res.body.errors, res.body.detail, t.field)) throw new Error(`${String(t.field)} is not named in ${JSON.stringify(res.body).slice(0, 500)}`);
      if (t.notField) expect(named(res.body.errors, undefined, t.notField)).toBe(false);
    }
    expect(await head()).toBe(before);
  });

  describe('when one item of a batch carries a lone surrogate', () => {
    it('rejects that item only and accepts its neighbours', async () => {
      const before = await head();
      const res = await app.api('POST', `/v1/providers/${f.providerId}/events`, {
        key: keys.provider,
        body: { items: [issueItem('ls-1', 'LS-1', f.achievementId), issueItem('ls-\udc00', 'LS-2', f.achievementId), issueItem('ls-3', 'LS-\udc00', f.achievementId), issueItem('ls-4', 'LS-4', f.achievementId)] },
      });
      expect(res.status).toBe(207);
      expect(res.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(['accepted', 'rejected', 'rejected', 'accepted']);
      expect(res.body.results[1].errors).toEqual([expect.objectContaining({ field: 'items[1].sourceEventId' })]);
      expect(res.body.results[2].errors).toEqual([expect.objectContaining({ field: 'items[2].data.credentialRef' })]);
      expect(await head()).toBeGreaterThan(before);
    });
  });

  describe('after the whole corpus', () => {
    it('is still alive and healthy', async () => {
      const health = await app.api('GET', '/health');
      expect(health.status).toBe(200);
      expect(health.body.status).toBe('ok');
    });
  });
});
