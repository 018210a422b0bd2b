import { Agent, get as httpGet } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentialIdFor } from '@app/contracts';
import { AppProcess, eventually, issueItem, LEARNER_LINKED_EVENTS, settledHead, setUpProvider } from '@app/testing';

describe('the ledger over HTTP (one process, embedded engines)', () => {
  let dir: string;
  let app: AppProcess;
  let admin: string;
  let key: string;
  let achievementId: string;
  const providerId = 'uni-aotearoa';

  const head = () => settledHead(app, admin);
  const LINKED = LEARNER_LINKED_EVENTS;
  const post = (items: unknown, k = key, path = `/v1/providers/${providerId}/events`) => app.api('POST', path, { key: k, body: { items } });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-e2e-'));
    app = await AppProcess.start({ dataDir: dir });
    admin = app.adminKey();
    ({ key, achievementId } = await setUpProvider(app, providerId));
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('when started for the first time', () => {
    it('wrote a bootstrap admin key readable by the owner only', () => {
      expect(statSync(join(dir, 'admin.key')).mode & 0o777).toBe(0o600);
      expect(admin).toMatch(/^clk_/);
    });

    it('serves health, metrics, the OpenAPI document and the docs page', async () => {
      const metrics = await app.api('GET', '/metrics');
      expect(metrics.status).toBe(200);
      expect(metrics.body).toContain('ledger_ingest_outcomes_total');
      expect((await app.api('GET', '/health')).body.status).toBe('ok');
      const doc = await app.api('GET', '/docs-json');
      expect(doc.body.paths).toHaveProperty(['/v1/providers/{providerId}/events']);
      expect((await app.api('GET', '/docs')).status).toBe(200);
    });

    it('keeps idle connections open 65 s, past the usual 60 s of clients and proxies (no reset on a kept-alive connection)', async () => {
      const keepAlive = await new Promise<string | undefined>((resolve, reject) => {
        const req = httpGet(`${app.url}/health`, { agent: new Agent({ keepAlive: true }) }, (res) => {
          res.resume();
          resolve(String(res.headers['keep-alive']));
        });
        req.on('error', reject);
      });
      expect(keepAlive).toBe('timeout=65');
    });
  });

  describe('when a provider issues and later revokes a credential', () => {
    const credentialId = credentialIdFor(providerId, 'CERT-0001');

    it('accepts the issue, shows it as issued, then as revoked', async () => {
      const issued = await post([issueItem('evt-1', 'CERT-0001', achievementId)]);
      expect(issued.status).toBe(207);
      expect(issued.body.results[0]).toMatchObject({ outcome: 'accepted', credentialId, revision: 0 });

      await eventually(async () => (await app.api('GET', `/v1/credentials/${credentialId}/verification`, { key })).body.status === 'issued');
      const v1 = await app.api('GET', `/v1/credentials/${credentialId}/verification`, { key });
      expect(v1.body).toMatchObject({
        credentialId, credentialRef: 'CERT-0001', status: 'issued', valid: true, issuedAt: '2026-03-01T00:00:00Z',
        provider: { providerId, jurisdiction: 'NZ' }, achievement: { achievementId, title: 'Data Literacy Foundations' },
      });

      const revoked = await post([{ sourceEventId: 'evt-2', type: 'CredentialRevoked', data: { credentialRef: 'CERT-0001', reason: 'issued in error' } }]);
      expect(revoked.body.results[0]).toMatchObject({ outcome: 'accepted', revision: 1 });
      await eventually(async () => (await app.api('GET', `/v1/credentials/${credentialId}/verification`, { key })).body.status === 'revoked');
      const v2 = await app.api('GET', `/v1/credentials/${credentialId}/verification`, { key: admin });
      expect(v2.body).toMatchObject({ status: 'revoked', valid: false, statusReason: 'issued in error' });
      expect(v2.body.history.map((h: { type: string }) => h.type)).toEqual(['CredentialIssued', 'CredentialRevoked']);
    });

    it('answers a re-posted sourceEventId as a duplicate and writes nothing', async () => {
      const before = await head();
      const again = await post([issueItem('evt-1', 'CERT-0001', achievementId), { sourceEventId: 'evt-2', type: 'CredentialRevoked', data: { credentialRef: 'CERT-0001', reason: 'issued in error' } }]);
      expect(again.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(['duplicate', 'duplicate']);
      expect(await head()).toBe(before);
      const metrics = (await app.api('GET', '/metrics')).body as string;
      expect(metrics).toMatch(/ledger_ingest_outcomes_total\{[^}]*channel="http",outcome="duplicate"[^}]*\} 2/);
    });

    it('refuses a forbidden transition with a stable code', async () => {
      const res = await post([{ sourceEventId: 'evt-3', type: 'CredentialSuspended', data: { credentialRef: 'CERT-0001', reason: 'x' } }]);
      expect(res.body.results[0]).toMatchObject({ outcome: 'rejected', errors: [{ code: 'CREDENTIAL.ALREADY_REVOKED' }] });
    });
  });

  describe('when a batch mixes good and bad items', () => {
    it('judges each item on its own and writes only the good ones', async () => {
      const before = await head();
      const res = await post([
        issueItem('mix-1', 'CERT-M1', achievementId),
        { sourceEventId: 'mix-2', type: 'CredentialTeleported', data: {} },
        { sourceEventId: 'mix-3', type: 'CredentialIssued', data: { credentialRef: 'CERT-M3', achievementId, holder: { identifiers: [] }, issuedAt: 42 } },
        { sourceEventId: 'mix-4', type: 'CredentialRevoked', data: { credentialRef: 'NEVER-ISSUED', reason: 'x' } },
        issueItem('mix-5', 'CERT-M5', '00000000-0000-4000-8000-000000000000'),
        issueItem('mix-6', 'CERT-M1', achievementId),
      ]);
      expect(res.status).toBe(207);
      const [ok, badType, badFields, notIssued, unknownAchievement, secondIssue] = res.body.results;
      expect(ok.outcome).toBe('accepted');
      expect(badType).toMatchObject({ outcome: 'rejected', errors: [{ field: 'items[1].type' }] });
      expect(badFields.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['items[2].data.holder.identifiers', 'items[2].data.issuedAt']));
      expect(notIssued.errors[0].code).toBe('CREDENTIAL.NOT_ISSUED');
      expect(unknownAchievement.errors[0].code).toBe('ACHIEVEMENT.NOT_FOUND');
      expect(secondIssue.errors[0].code).toBe('CREDENTIAL.ALREADY_ISSUED');
      expect(res.body.summary).toEqual({ accepted: 1, duplicate: 0, rejected: 5 });
      expect(await head()).toBe(before + 1 + LINKED);
    });
  });

  describe('when the request itself is bad', () => {
    const problem = (res: { status: number; contentType: string; body: { status: number } }, status: number) => {
      expect(res.status).toBe(status);
      expect(res.contentType).toContain('application/problem+json');
      expect(res.body.status).toBe(status);
    };

    it('answers malformed JSON with 400 naming the body', async () => {
      const res = await app.api('POST', `/v1/providers/${providerId}/events`, { key, raw: '{"items": [' });
      problem(res, 400);
      expect(res.body.errors[0].field).toBe('(body)');
    });

    it('answers a missing or wrong-typed items field with 400 naming it', async () => {
      problem(await app.api('POST', `/v1/providers/${providerId}/events`, { key, body: {} }), 400);
      const wrong = await app.api('POST', `/v1/providers/${providerId}/events`, { key, body: { items: 'many' } });
      expect(wrong.body.errors[0].field).toBe('items');
    });

    it('answers more than 1000 items with 400', async () => {
      const items = Array.from({ length: 1001 }, (_, i) => ({ sourceEventId: `big-${i}`, type: 'CredentialRevoked', data: { credentialRef: 'x', reason: 'y' } }));
      const res = await post(items);
      problem(res, 400);
      expect(res.body.errors[0].field).toBe('items');
    });

    it('answers an oversized body with 413', async () => {
      const res = await app.api('POST', `/v1/providers/${providerId}/events`, { key, raw: JSON.stringify({ items: ['x'.repeat(5 * 1024 * 1024)] }) });
      problem(res, 413);
    });

    it('answers a missing or unknown API key with 401', async () => {
      problem(await app.api('POST', `/v1/providers/${providerId}/events`, { body: { items: [] } }), 401);
      problem(await app.api('POST', `/v1/providers/${providerId}/events`, { key: 'clk_000000000000000000000000_' + 'A'.repeat(43), body: { items: [] } }), 401);
      problem(await app.api('GET', '/v1/credentials/00000000-0000-4000-8000-000000000000/verification', { key: 'nonsense' }), 401);
    });

    it("answers another provider's id with 403, whether or not it exists", async () => {
      const items = [issueItem('x-1', 'X-1', achievementId)];
      problem(await post(items, key, '/v1/providers/some-other-provider/events'), 403);
      await setUpProvider(app, 'other-college');
      problem(await post(items, key, '/v1/providers/other-college/events'), 403);
    });

    it('answers a provider key on an admin route with 403', async () => {
      problem(await app.api('POST', '/v1/providers', { key, body: { providerId: 'sneaky', name: 'x', jurisdiction: 'NZ', kind: 'other' } }), 403);
    });

    it('answers invalid registration fields with 400 naming each', async () => {
      const res = await app.api('POST', '/v1/providers', { key: admin, body: { providerId: 'Bad Id', name: '', jurisdiction: 'New Zealand', kind: 'castle' } });
      problem(res, 400);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['jurisdiction', 'kind', 'name', 'providerId']);
    });

    it('answers a verification of a non-UUID with 400 and of an unknown credential with 404', async () => {
      const bad = await app.api('GET', '/v1/credentials/abc/verification', { key });
      problem(bad, 400);
      expect(bad.body.errors[0].field).toBe('credentialId');
      problem(await app.api('GET', '/v1/credentials/00000000-0000-4000-8000-000000000000/verification', { key }), 404);
    });
  });

  describe('when holder identifiers, names and birth dates were sent', () => {
    it('stores none of them in clear, in any file or log line', async () => {
      const secret = { identifier: 'NSN-77-SECRET-42', name: 'Hinewai Secretname', birthDate: '1991-02-03' };
      const item = issueItem('pii-1', 'PII-1', achievementId, secret.identifier);
      const res = await post([{ ...item, data: { ...item.data, holder: { ...item.data.holder, name: secret.name, birthDate: secret.birthDate } } }]);
      expect(res.body.results[0].outcome).toBe('accepted');
      // A rejected item with personal data must not leak it through an error message either.
      const bad = await post([{ ...item, sourceEventId: 'pii-2', data: { ...item.data, issuedAt: 'never', holder: { ...item.data.holder, name: secret.name } } }]);
      expect(JSON.stringify(bad.body)).not.toContain(secret.name);
      for (const file of readdirSync(dir)) {
        const bytes = readFileSync(join(dir, file));
        for (const value of ['123456789', ...Object.values(secret)]) {
          if (bytes.includes(value)) throw new Error(`${value} found in clear in ${file}`);
        }
      }
    });
  });
});
