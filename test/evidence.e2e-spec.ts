import { createHash, createPublicKey, verify } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentialIdFor, EventTypes, Streams } from '@app/contracts';
import { openEventStore } from '@app/event-store';
import { AppProcess, ed25519KeyPair, eventually, issueItem, setUpProvider, signBody } from '@app/testing';

const ok = (res: { status: number; body: unknown }, status = 200) => {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as any;
};
const fields = (res: { body: any }) => (res.body.errors ?? []).map((e: { field: string }) => e.field);

/**
 * Signed submissions kept as evidence: a signed batch's events link the exact body, key id and
 * signature; a regulator fetches it and anyone re-verifies it with the provider's registered
 * public key, and a single changed byte fails; erasure of a learner shreds the body.
 */
describe('signed submissions kept as evidence', () => {
  let dir: string;
  let app: AppProcess;
  let admin: string;
  let key: string;
  let achievementId: string;
  const providerId = 'evidence-uni';
  const pair = ed25519KeyPair();
  const name = `Evidential Person ${Date.now()}`;
  const keys: Record<string, string> = {};

  /** The events of a stream as stored in the app's own log file (read-only, beside the running app). */
  const stream = async (streamId: string) => {
    const events = await openEventStore(`sqlite:${join(dir, 'events.db')}`);
    try {
      return await events.readStream(streamId);
    } finally {
      await events.close();
    }
  };
  /** The provider's public key as registered on its stream (ProviderSigningKeyAdded), not the test's copy. */
  const registeredKey = async (keyId: string) => {
    const added = (await stream(Streams.provider(providerId))).find((e) => e.type === EventTypes.ProviderSigningKeyAdded && e.data.keyId === keyId);
    return createPublicKey({ key: (added as any).data.publicKeyJwk, format: 'jwk' });
  };
  const reverify = (body: Buffer, signature: string, publicKey: ReturnType<typeof createPublicKey>) =>
    verify(null, createHash('sha256').update(body).digest(), publicKey, Buffer.from(signature, 'base64url'));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-evidence-'));
    app = await AppProcess.start({ dataDir: dir });
    admin = app.adminKey();
    ({ key, achievementId } = await setUpProvider(app, providerId));
    ok(await app.api('POST', `/v1/providers/${providerId}/signing-keys`, { key, body: { keyId: 'ev1', publicKeyJwk: pair.publicKeyJwk } }), 201);
    const issue = async (role: string, scope: object) => ok(await app.api('POST', '/v1/api-keys', { key: admin, body: { role, scope } }), 201).apiKey;
    keys.nz = await issue('regulator', { jurisdictions: ['NZ'] });
    keys.au = await issue('regulator', { jurisdictions: ['AU'] });
    ok(await app.api('POST', '/v1/providers', { key: admin, body: { providerId: 'evidence-other', name: 'Other', jurisdiction: 'NZ', kind: 'college' } }), 201);
    keys.otherProvider = await issue('provider', { providerId: 'evidence-other' });
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  let bodyDigest: string;
  let raw: string;

  it('links every event of a signed batch to its evidence, which re-verifies with the registered key and fails with one byte changed', async () => {
    const first = issueItem('ev-1', 'EV-1', achievementId, '314159265');
    raw = JSON.stringify({ items: [{ ...first, data: { ...first.data, holder: { ...first.data.holder, name } } }, { sourceEventId: 'ev-2', type: 'CredentialSuspended', data: { credentialRef: 'EV-1', reason: 'under review' } }] });
    const signature = signBody(raw, pair.privateKey);
    const res = ok(await app.api('POST', `/v1/providers/${providerId}/events`, { key, raw, headers: { 'ledger-signature-key-id': 'ev1', 'ledger-signature': signature } }), 207);
    expect(res.summary).toEqual({ accepted: 2, duplicate: 0, rejected: 0 });
    bodyDigest = createHash('sha256').update(raw).digest('hex');

    const events = await stream(Streams.credential(credentialIdFor(providerId, 'EV-1')));
    expect(events.map((e) => e.metadata.evidence)).toEqual([{ bodyDigest, keyId: 'ev1', signature }, { bodyDigest, keyId: 'ev1', signature }]);

    const evidence = ok(await app.api('GET', `/v1/evidence/${events[0].metadata.evidence!.bodyDigest}`, { key: keys.nz }));
    expect(evidence).toMatchObject({ bodyDigest, providerId, keyId: 'ev1', signature });
    const body = Buffer.from(evidence.body, 'base64');
    expect(body.toString()).toBe(raw);
    const publicKey = await registeredKey(evidence.keyId);
    expect(reverify(body, evidence.signature, publicKey)).toBe(true);
    const tampered = Buffer.from(body);
    tampered[10] ^= 0x01;
    expect(reverify(tampered, evidence.signature, publicKey)).toBe(false);
  });

  it('keeps the body out of the event log and sealed at rest', async () => {
    for (const file of readdirSync(dir)) expect(readFileSync(join(dir, file)).includes(Buffer.from(name))).toBe(false);
  });

  it('links a signed bulk action the same way', async () => {
    const rawBulk = JSON.stringify({ requestId: 'ev-bulk-1', action: 'reinstate', reason: 'review done', credentialRefs: ['EV-1'] });
    const signature = signBody(rawBulk, pair.privateKey);
    const res = await app.api('POST', `/v1/providers/${providerId}/bulk-actions`, { key, raw: rawBulk, headers: { 'ledger-signature-key-id': 'ev1', 'ledger-signature': signature } });
    expect(res.status).toBeLessThan(300);
    const digest = createHash('sha256').update(rawBulk).digest('hex');
    const events = await stream(Streams.credential(credentialIdFor(providerId, 'EV-1')));
    expect(events.at(-1)?.metadata.evidence).toEqual({ bodyDigest: digest, keyId: 'ev1', signature });
    expect(Buffer.from(ok(await app.api('GET', `/v1/evidence/${digest}`, { key: admin })).body, 'base64').toString()).toBe(rawBulk);
  });

  it('answers out of scope exactly as an unknown digest, and a malformed digest as a 400 naming it', async () => {
    const au = await app.api('GET', `/v1/evidence/${bodyDigest}`, { key: keys.au });
    const other = await app.api('GET', `/v1/evidence/${bodyDigest}`, { key: keys.otherProvider });
    const unknown = await app.api('GET', `/v1/evidence/${'0'.repeat(64)}`, { key: keys.nz });
    expect([au.status, other.status, unknown.status]).toEqual([404, 404, 404]);
    const { instance: _a, ...auBody } = au.body;
    const { instance: _u, ...unknownBody } = unknown.body;
    expect(auBody).toEqual(unknownBody);
    ok(await app.api('GET', `/v1/evidence/${bodyDigest}`, { key }));
    for (const bad of ['abc', 'g'.repeat(64), '0'.repeat(65)]) {
      const res = await app.api('GET', `/v1/evidence/${bad}`, { key: admin });
      expect([res.status, fields(res)]).toEqual([400, ['bodyDigest']]);
    }
  });

  it('shreds the body when a learner it names is erased; the digest and signature still verify', async () => {
    const find = async () => ok(await app.api('POST', '/v1/learners/lookup', { key: admin, body: { identifiers: [{ scheme: 'NZ-NSN', value: '314159265' }] } })).learners;
    await eventually(async () => (await find()).length === 1, 15_000, 'identity resolution');
    const [{ learnerId }] = await find();
    ok(await app.api('POST', `/v1/learners/${learnerId}/erasure`, { key: admin, body: { reason: 'learner asked' } }));
    const evidence = ok(await app.api('GET', `/v1/evidence/${bodyDigest}`, { key: keys.nz }));
    expect(evidence).toMatchObject({ bodyDigest, body: null, erased: true });
    const publicKey = await registeredKey(evidence.keyId);
    expect(verify(null, Buffer.from(bodyDigest, 'hex'), publicKey, Buffer.from(evidence.signature, 'base64url'))).toBe(true);
  });
});
