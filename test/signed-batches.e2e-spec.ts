import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppProcess, ed25519KeyPair, issueItem, setUpProvider, signBody } from '@app/testing';

describe('signed batches', () => {
  let dir: string;
  let app: AppProcess;
  let key: string;
  let achievementId: string;
  let admin: string;
  const providerId = 'signing-uni';
  const first = ed25519KeyPair();
  const second = ed25519KeyPair();

  const head = async () => (await app.api('GET', '/v1/projections', { key: admin })).body.head as number;
  const send = (raw: string, headers: Record<string, string> = {}) => app.api('POST', `/v1/providers/${providerId}/events`, { key, raw, headers });
  const batch = (n: string) => JSON.stringify({ items: [issueItem(`sig-${n}`, `SIG-${n}`, achievementId)] });
  const signed = (body: string, keyId: string, privateKey = first.privateKey) => ({ 'ledger-signature-key-id': keyId, 'ledger-signature': signBody(body, privateKey) });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-sig-'));
    app = await AppProcess.start({ dataDir: dir });
    admin = app.adminKey();
    ({ key, achievementId } = await setUpProvider(app, providerId));
    const added = await app.api('POST', `/v1/providers/${providerId}/signing-keys`, { key, body: { keyId: 'k1', publicKeyJwk: first.publicKeyJwk } });
    expect(added.status).toBe(201);
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('when a batch is signed with an active key', () => {
    it('is judged as usual', async () => {
      const body = batch('1');
      const res = await send(body, signed(body, 'k1'));
      expect(res.status).toBe(207);
      expect(res.body.results[0].outcome).toBe('accepted');
    });
  });

  describe('when one byte of a signed batch is flipped', () => {
    it('is refused whole and writes nothing', async () => {
      const body = batch('2');
      const headers = signed(body, 'k1');
      const before = await head();
      const res = await send(body.replace('SIG-2', 'SIG-3'), headers);
      expect(res.status).toBe(403);
      expect(res.contentType).toContain('application/problem+json');
      expect(res.body.code).toBe('SIGNATURE.INVALID');
      expect(await head()).toBe(before);
    });
  });

  describe('when the key is unknown and signatures are optional', () => {
    // It would be accepted unsigned; it is accepted, with the key noted on its events for an unknown-signing-key discrepancy (test/discrepancy-kinds).
    it('is accepted as unsigned, not vouched for', async () => {
      const body = batch('4');
      const res = await send(body, signed(body, 'nope'));
      expect(res.status).toBe(207);
      expect(res.body.results[0].outcome).toBe('accepted');
    });
  });

  describe('when the provider requires signatures', () => {
    beforeAll(async () => {
      const res = await app.api('PUT', `/v1/providers/${providerId}/signing-policy`, { key, body: { requireSignedBatches: true } });
      expect(res.status).toBe(200);
    });

    it('refuses a batch signed with a key it never added', async () => {
      const body = batch('4b');
      const before = await head();
      const res = await send(body, signed(body, 'nope'));
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('SIGNATURE.UNKNOWN_KEY');
      expect(await head()).toBe(before);
    });

    it('refuses an unsigned batch', async () => {
      const before = await head();
      const res = await send(batch('5'));
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('SIGNATURE.REQUIRED');
      expect(await head()).toBe(before);
    });

    it('refuses a batch signed with a revoked key, and accepts the key that replaced it', async () => {
      expect((await app.api('POST', `/v1/providers/${providerId}/signing-keys`, { key, body: { keyId: 'k2', publicKeyJwk: second.publicKeyJwk } })).status).toBe(201);
      const revoked = await app.api('POST', `/v1/providers/${providerId}/signing-keys/k1/revocation`, { key, body: { reason: 'rotated' } });
      expect(revoked.status).toBe(200);
      const body = batch('6');
      const res = await send(body, signed(body, 'k1'));
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('SIGNATURE.KEY_REVOKED');
      const ok = await send(body, signed(body, 'k2', second.privateKey));
      expect(ok.body.results[0].outcome).toBe('accepted');
    });

    it('refuses to revoke the last active key while signatures are required', async () => {
      const res = await app.api('POST', `/v1/providers/${providerId}/signing-keys/k2/revocation`, { key, body: {} });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('SIGNING_KEY.NONE_ACTIVE');
    });
  });

  describe('when bulk actions are sent to a provider that requires signatures', () => {
    const sendBulk = (raw: string, headers: Record<string, string> = {}) => app.api('POST', `/v1/providers/${providerId}/bulk-actions`, { key, raw, headers });
    const bulkBody = (requestId: string) => JSON.stringify({ requestId, action: 'suspend', reason: 'audit', credentialRefs: ['SIG-B1'] });

    beforeAll(async () => {
      const body = batch('B1');
      expect((await send(body, signed(body, 'k2', second.privateKey))).body.results[0].outcome).toBe('accepted');
    });

    it('refuses an unsigned bulk action and writes nothing', async () => {
      const before = await head();
      const res = await sendBulk(bulkBody('bulk-unsigned'));
      expect(res.status).toBe(403);
      expect(res.contentType).toContain('application/problem+json');
      expect(res.body.code).toBe('SIGNATURE.REQUIRED');
      expect(await head()).toBe(before);
    });

    it('refuses a badly signed bulk action', async () => {
      const body = bulkBody('bulk-bad');
      const res = await sendBulk(body.replace('audit', 'other'), signed(body, 'k2', second.privateKey));
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('SIGNATURE.INVALID');
    });

    it('accepts a bulk action signed with an active key, over the exact body bytes', async () => {
      const body = bulkBody('bulk-signed');
      const res = await sendBulk(body, signed(body, 'k2', second.privateKey));
      expect(res.status).toBe(207);
      expect(res.body.results[0].outcome).toBe('accepted');
    });
  });

  describe('when a key is malformed', () => {
    it('is refused naming the field', async () => {
      const res = await app.api('POST', `/v1/providers/${providerId}/signing-keys`, { key, body: { keyId: 'bad', publicKeyJwk: { kty: 'RSA', crv: 'Ed25519', x: 'short' } } });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['publicKeyJwk.kty', 'publicKeyJwk.x']));
    });
  });
});
