import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppProcess } from '@app/testing';

const ok = (res: { status: number; body: unknown }, status: number) => {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as any;
};
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Revocation takes effect at once; rotation gives a new key and keeps the old one until a chosen instant. */
describe('API key revocation and rotation over HTTP', () => {
  let dir: string;
  let app: AppProcess;
  let admin: string;
  const providerId = `kl-${randomUUID().slice(0, 8)}`;
  const probe = `/v1/credentials/${randomUUID()}/verification`;
  const use = (key: string) => app.api('GET', probe, { key });
  const issue = async (role = 'provider', scope: object = { providerId }) => ok(await app.api('POST', '/v1/api-keys', { key: admin, body: { role, scope } }), 201);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-keys-'));
    app = await AppProcess.start({ dataDir: dir });
    admin = app.adminKey();
    ok(await app.api('POST', '/v1/providers', { key: admin, body: { providerId, name: 'Keys', jurisdiction: 'NZ', kind: 'university' } }), 201);
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('when a key is revoked', () => {
    it('is refused with 401 on the very next request, and revoking again answers the same', async () => {
      const { keyId, apiKey } = await issue();
      expect((await use(apiKey)).status).toBe(404);
      const revoked = ok(await app.api('POST', `/v1/api-keys/${keyId}/revocation`, { key: admin, body: { reason: 'leaked in a log' } }), 200);
      expect(revoked).toEqual({ keyId, status: 'revoked', revokedAt: expect.any(String), reason: 'leaked in a log' });
      const refused = await use(apiKey);
      expect(refused.status).toBe(401);
      expect(refused.contentType).toContain('application/problem+json');
      expect(refused.body).toMatchObject({ code: 'AUTH.UNAUTHENTICATED', detail: 'the API key was revoked' });
      expect(ok(await app.api('POST', `/v1/api-keys/${keyId}/revocation`, { key: admin, body: { reason: 'again' } }), 200)).toEqual(revoked);
    });

    it('does not tell a caller without the secret that the key was revoked', async () => {
      const { keyId, apiKey } = await issue();
      ok(await app.api('POST', `/v1/api-keys/${keyId}/revocation`, { key: admin, body: { reason: 'x' } }), 200);
      const forged = await use(`${apiKey.slice(0, -43)}${'A'.repeat(43)}`);
      expect(forged.status).toBe(401);
      expect(forged.body.detail).toBe('the API key is unknown or invalid');
    });

    it('answers 404 for an unknown key, 400 naming a malformed id, 403 for a non-admin and 422 for an admin key revoking itself', async () => {
      expect(ok(await app.api('POST', `/v1/api-keys/${'0'.repeat(24)}/revocation`, { key: admin, body: { reason: 'x' } }), 404).code).toBe('API_KEY.NOT_FOUND');
      expect(ok(await app.api('POST', '/v1/api-keys/not-a-key!/revocation', { key: admin, body: { reason: 'x' } }), 400).errors[0].field).toBe('keyId');
      expect(ok(await app.api('POST', `/v1/api-keys/${'0'.repeat(24)}/revocation`, { key: admin, body: {} }), 400).errors[0].field).toBe('reason');
      const provider = await issue();
      const other = await issue();
      expect((await app.api('POST', `/v1/api-keys/${other.keyId}/revocation`, { key: provider.apiKey, body: { reason: 'x' } })).status).toBe(403);
      const adminKeyId = admin.split('_')[1];
      expect(ok(await app.api('POST', `/v1/api-keys/${adminKeyId}/revocation`, { key: admin, body: { reason: 'x' } }), 422).code).toBe('API_KEY.OWN_KEY');
      expect((await use(admin)).status).toBe(404);
    });
  });

  describe('when a key is rotated', () => {
    it('gives a new key of the same role and scope, and keeps the old one until the instant, then 401 saying it expired', async () => {
      const old = await issue();
      const until = new Date(Date.now() + 5_000).toISOString();
      const rotated = ok(await app.api('POST', `/v1/api-keys/${old.keyId}/rotation`, { key: admin, body: { oldKeyValidUntil: until } }), 201);
      expect(rotated).toMatchObject({ role: 'provider', scope: { providerId }, rotatedFrom: old.keyId, oldKeyValidUntil: until });
      expect(rotated.keyId).not.toBe(old.keyId);
      expect((await use(rotated.apiKey)).status).toBe(404);
      expect((await use(old.apiKey)).status).toBe(404);

      await wait(Date.parse(until) - Date.now() + 50);
      const expired = await use(old.apiKey);
      expect(expired.status).toBe(401);
      expect(expired.body.detail).toMatch(new RegExp(`expired at ${until}`));
      expect((await use(rotated.apiKey)).status).toBe(404);
      expect(ok(await app.api('POST', `/v1/api-keys/${old.keyId}/rotation`, { key: admin, body: { oldKeyValidUntil: new Date(Date.now() + 60_000).toISOString() } }), 422).code).toBe('API_KEY.EXPIRED');
    }, 30_000);

    it.each([
      ['more than 30 days ahead', () => new Date(Date.now() + 31 * 86_400_000).toISOString()],
      ['in the past', () => '2020-01-01T00:00:00Z'],
      ['not a calendar instant', () => '2026-02-30T00:00:00Z'],
      ['without an offset', () => '2026-12-01T00:00:00'],
    ])('refuses an end %s, naming oldKeyValidUntil', async (_name, until) => {
      const old = await issue();
      const res = ok(await app.api('POST', `/v1/api-keys/${old.keyId}/rotation`, { key: admin, body: { oldKeyValidUntil: until() } }), 400);
      expect(res.errors[0].field).toBe('oldKeyValidUntil');
      expect((await use(old.apiKey)).status).toBe(404);
    });

    it('refuses to rotate a revoked or unknown key', async () => {
      const old = await issue();
      ok(await app.api('POST', `/v1/api-keys/${old.keyId}/revocation`, { key: admin, body: { reason: 'x' } }), 200);
      const body = { oldKeyValidUntil: new Date(Date.now() + 60_000).toISOString() };
      expect(ok(await app.api('POST', `/v1/api-keys/${old.keyId}/rotation`, { key: admin, body }), 409).code).toBe('API_KEY.ALREADY_REVOKED');
      expect(ok(await app.api('POST', `/v1/api-keys/${'0'.repeat(24)}/rotation`, { key: admin, body }), 404).code).toBe('API_KEY.NOT_FOUND');
    });
  });
});

/** Processes sharing one event store see a revocation made by another process at once. */
describe('API key revocation across processes', () => {
  let dir: string;
  let providers: AppProcess;
  let qa: AppProcess;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-keys-ms-'));
    for (const d of ['providers', 'qa']) mkdirSync(join(dir, d));
    const env = { EVENT_STORE: `sqlite:${join(dir, 'events.db')}`, BUS: 'memory' };
    [providers, qa] = await Promise.all([
      AppProcess.start({ app: 'providers', dataDir: join(dir, 'providers'), env }),
      AppProcess.start({ app: 'quality-assurance', dataDir: join(dir, 'qa'), env }),
    ]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([providers?.stop(), qa?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses the key in the other process on its next request', async () => {
    const admin = providers.adminKey();
    const { keyId, apiKey } = ok(await providers.api('POST', '/v1/api-keys', { key: admin, body: { role: 'regulator', scope: { jurisdictions: ['NZ'] } } }), 201);
    // The other process has authenticated (and may have cached) the key before the revocation.
    expect((await qa.api('GET', '/v1/qa-bodies/no-such-body', { key: apiKey })).status).toBe(404);
    expect((await qa.api('GET', '/v1/qa-bodies/no-such-body', { key: apiKey })).status).toBe(404);
    ok(await providers.api('POST', `/v1/api-keys/${keyId}/revocation`, { key: admin, body: { reason: 'rotating staff' } }), 200);
    const refused = await qa.api('GET', '/v1/qa-bodies/no-such-body', { key: apiKey });
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toBe('the API key was revoked');
  });
});
