import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppProcess, eventually, setUpProvider } from '@app/testing';

const ok = (res: { status: number; body: unknown }, status = 200) => {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as any;
};
const fields = (res: { body: any }): string[] => [...new Set<string>((res.body.errors ?? []).map((e: { field: string }) => e.field))];
/** Longer than the journal's flush interval (100 ms), so an entry that was going to be written is. */
const FLUSHED = 400;

/**
 * Access audit over HTTP: reads of a learner's data by anyone but the learner are recorded with
 * who, when and why (Ledger-Purpose), and the learner (and a regulator) reads that access log.
 */
describe('access audit over HTTP', () => {
  let dir: string;
  let app: AppProcess;
  let admin: string;
  const providerId = 'access-uni';
  const nsn = '271828182';
  let learner: string;
  const keys: Record<string, { apiKey: string; keyId: string }> = {};

  const issueKey = async (role: string, scope: object) => ok(await app.api('POST', '/v1/api-keys', { key: admin, body: { role, scope } }), 201);
  const accessLog = async (key = keys.learner.apiKey, query = '') => ok(await app.api('GET', `/v1/learners/${learner}/access-log${query}`, { key }));
  const head = async () => (await app.api('GET', '/v1/projections', { key: admin })).body.head as number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-access-'));
    app = await AppProcess.start({ dataDir: dir });
    admin = app.adminKey();
    const provider = await setUpProvider(app, providerId);
    const item = { sourceEventId: 'acc-1', type: 'CredentialIssued', occurredAt: '2026-03-01T09:00:00Z', data: { credentialRef: 'ACC-1', achievementId: provider.achievementId, holder: { identifiers: [{ scheme: 'NZ-NSN', value: nsn }] }, issuedAt: '2026-03-01T00:00:00Z' } };
    expect(ok(await app.api('POST', `/v1/providers/${providerId}/events`, { key: provider.key, body: { items: [item] } }), 207).results[0].outcome).toBe('accepted');
    keys.nz = await issueKey('regulator', { jurisdictions: ['NZ'] });
    keys.au = await issueKey('regulator', { jurisdictions: ['AU'] });
    const find = async () => ok(await app.api('POST', '/v1/learners/lookup', { key: keys.nz.apiKey, headers: { 'ledger-purpose': 'investigation' }, body: { identifiers: [{ scheme: 'NZ-NSN', value: nsn }] } })).learners;
    await eventually(async () => (await find()).length === 1, 15_000, 'identity resolution');
    learner = (await find())[0].learnerId;
    keys.learner = await issueKey('learner', { learnerId: learner });
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("records a regulator's read of the record with its purpose, and the learner's key sees who, when and why", async () => {
    const before = new Date().toISOString();
    ok(await app.api('GET', `/v1/learners/${learner}/record`, { key: keys.nz.apiKey, headers: { 'Ledger-Purpose': 'recognition', 'x-correlation-id': 'acc-read-1' } }));
    await eventually(async () => (await accessLog()).entries.some((e: any) => e.read === 'record'), 5_000, 'access entry written');
    const entry = (await accessLog()).entries.find((e: any) => e.read === 'record');
    expect(entry).toMatchObject({ by: { role: 'regulator', keyId: keys.nz.keyId }, purpose: 'recognition', correlationId: 'acc-read-1' });
    expect(entry.accessedAt >= before).toBe(true);
    expect(JSON.stringify(entry)).not.toContain(keys.nz.apiKey);
  });

  it('records a read without a purpose as unspecified, and stacks and consents reads too', async () => {
    ok(await app.api('GET', `/v1/learners/${learner}/stacks`, { key: keys.nz.apiKey }));
    ok(await app.api('GET', `/v1/learners/${learner}/consents`, { key: admin, headers: { 'Ledger-Purpose': 'learner-support' } }));
    await eventually(async () => (await accessLog()).entries.some((e: any) => e.read === 'consents'), 5_000, 'access entries written');
    const entries = (await accessLog()).entries;
    expect(entries.find((e: any) => e.read === 'stacks')).toMatchObject({ purpose: 'unspecified', by: { role: 'regulator' } });
    expect(entries.find((e: any) => e.read === 'consents')).toMatchObject({ purpose: 'learner-support', by: { role: 'admin' } });
  });

  it('records a lookup that found the learner with the schemes asked about, never the identifier values', async () => {
    const entry = (await accessLog()).entries.find((e: any) => e.read === 'lookup');
    expect(entry).toMatchObject({ purpose: 'investigation', schemes: ['NZ-NSN'], by: { role: 'regulator', keyId: keys.nz.keyId } });
    const raw = await app.api('GET', `/v1/learners/${learner}/access-log`, { key: admin });
    expect(JSON.stringify(raw.body)).not.toContain(nsn);
  });

  it("does not record the learner reading its own data", async () => {
    const count = (await accessLog()).entries.length;
    ok(await app.api('GET', `/v1/learners/${learner}/record`, { key: keys.learner.apiKey, headers: { 'Ledger-Purpose': 'audit' } }));
    ok(await app.api('GET', `/v1/learners/${learner}/consents`, { key: keys.learner.apiKey }));
    await sleep(FLUSHED);
    const entries = (await accessLog()).entries;
    expect(entries).toHaveLength(count);
    expect(entries.some((e: any) => e.by.role === 'learner')).toBe(false);
  });

  it('pages the log oldest first with an opaque cursor, never repeating or skipping an entry', async () => {
    const all = (await accessLog()).entries.map((e: any) => e.eventId);
    expect(all.length).toBeGreaterThanOrEqual(3);
    const paged: string[] = [];
    let query = '?limit=1';
    for (let page = 0; page < 20; page++) {
      const body = await accessLog(keys.learner.apiKey, query);
      paged.push(...body.entries.map((e: any) => e.eventId));
      if (!body.next) break;
      query = `?limit=1&after=${encodeURIComponent(body.next)}`;
    }
    expect(paged).toEqual(all);
  });

  it('lets an admin and a regulator of the jurisdiction read the log, and answers anyone else as an unknown learner', async () => {
    ok(await app.api('GET', `/v1/learners/${learner}/access-log`, { key: admin }));
    ok(await app.api('GET', `/v1/learners/${learner}/access-log`, { key: keys.nz.apiKey }));
    const au = await app.api('GET', `/v1/learners/${learner}/access-log`, { key: keys.au.apiKey });
    const unknown = await app.api('GET', '/v1/learners/00000000-0000-4000-8000-000000000000/access-log', { key: keys.nz.apiKey });
    expect([au.status, unknown.status]).toEqual([404, 404]);
    expect(au.body.detail).toBe(unknown.body.detail);
  });

  describe('when the input is bad', () => {
    it('refuses a cursor it did not hand out and a bad limit, naming the field', async () => {
      for (const [query, field] of [['?after=not-a-cursor', 'after'], ['?after=MTI', 'after'], ['?limit=0', 'limit'], ['?limit=201', 'limit'], ['?limit=abc', 'limit']]) {
        const res = await app.api('GET', `/v1/learners/${learner}/access-log${query}`, { key: keys.learner.apiKey });
        expect([res.status, res.contentType, fields(res)]).toEqual([400, expect.stringContaining('application/problem+json'), [field]]);
      }
    });

    it('refuses a purpose that is too long or not on the list, naming Ledger-Purpose, and records nothing', async () => {
      await sleep(FLUSHED);
      const before = await head();
      const count = (await accessLog()).entries.length;
      for (const purpose of ['x'.repeat(33), 'just curious']) {
        const res = await app.api('GET', `/v1/learners/${learner}/record`, { key: keys.nz.apiKey, headers: { 'Ledger-Purpose': purpose } });
        expect([res.status, fields(res)]).toEqual([400, ['Ledger-Purpose']]);
        const lookup = await app.api('POST', '/v1/learners/lookup', { key: keys.nz.apiKey, headers: { 'Ledger-Purpose': purpose }, body: { identifiers: [{ scheme: 'NZ-NSN', value: nsn }] } });
        expect([lookup.status, fields(lookup)]).toEqual([400, ['Ledger-Purpose']]);
      }
      await sleep(FLUSHED);
      expect((await accessLog()).entries).toHaveLength(count);
      expect(await head()).toBe(before);
    });
  });
});
