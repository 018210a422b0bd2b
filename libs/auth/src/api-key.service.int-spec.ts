import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RequestContext } from '@app/contracts';
import { EventStore, openEventStore } from '@app/event-store';
import { parseApiKey } from './api-key';
import { ApiKeyService } from './api-key.service';

/** Two services on two connections to one SQLite event store stand for two processes. */
describe('ApiKeyService on a shared SQLite event store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-keys-'));
  let stores: EventStore[];
  let here: ApiKeyService;
  let there: ApiKeyService;
  const ctx = (): RequestContext => ({ actor: { role: 'admin', id: 'admin-key' }, channel: 'http', correlationId: 'c', now: new Date().toISOString() });

  beforeAll(async () => {
    stores = await Promise.all([1, 2].map(() => openEventStore(`sqlite:${join(dir, 'events.db')}`)));
    [here, there] = stores.map((s) => new ApiKeyService(s));
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a key revoked by the other service at once, though it had just authenticated it', async () => {
    const { keyId, apiKey } = await here.issue({ role: 'provider', scope: { providerId: 'uni-a' } }, ctx().actor);
    expect(await there.authenticate(apiKey)).toMatchObject({ keyId, role: 'provider', scope: { providerId: 'uni-a' } });
    await here.revoke(keyId, 'leaked', ctx(), 'admin-key');
    expect(await there.check(apiKey)).toEqual({ ok: false, failure: 'revoked', message: 'the API key was revoked' });
  });

  it('keeps a rotated key until its instant on the other service, then refuses it as expired', async () => {
    const { keyId, apiKey } = await here.issue({ role: 'regulator', scope: { jurisdictions: ['NZ'] } }, ctx().actor);
    expect(await there.authenticate(apiKey)).toBeDefined();
    const until = new Date(Date.now() + 60_000).toISOString();
    const rotated = await here.rotate(keyId, until, ctx());
    expect(rotated).toMatchObject({ role: 'regulator', scope: { jurisdictions: ['NZ'] }, validUntil: until });
    expect(await there.authenticate(rotated.apiKey)).toMatchObject({ keyId: rotated.keyId, role: 'regulator' });
    expect((await there.check(apiKey, Date.parse(until) - 1)).ok).toBe(true);
    expect(await there.check(apiKey, Date.parse(until))).toMatchObject({ ok: false, failure: 'expired' });
  });

  it('answers a token again from memory while the log is still, without keeping the token itself', async () => {
    const { keyId, apiKey } = await here.issue({ role: 'provider', scope: { providerId: 'uni-b' } }, ctx().actor);
    expect(await there.authenticate(apiKey)).toMatchObject({ keyId });
    expect(await there.authenticate(apiKey)).toMatchObject({ keyId });
    const remembered = (there as unknown as { verified: Map<string, unknown> }).verified;
    expect(remembered.size).toBeGreaterThan(0);
    const secret = parseApiKey(apiKey)!.secret;
    for (const key of remembered.keys()) {
      expect(key).not.toContain(apiKey);
      expect(key).not.toContain(secret);
    }
  });

  it('tells nothing about a key to a caller with a wrong secret', async () => {
    const { keyId, apiKey } = await here.issue({ role: 'admin', scope: {} }, ctx().actor);
    await here.revoke(keyId, 'x', ctx(), 'admin-key');
    expect(await there.check(`${apiKey.slice(0, -1)}${apiKey.endsWith('A') ? 'B' : 'A'}`)).toMatchObject({ ok: false, failure: 'invalid' });
  });
});
