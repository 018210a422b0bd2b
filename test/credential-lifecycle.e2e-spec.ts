import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentialIdFor } from '@app/contracts';
import { AppProcess, eventually, issueItem, setUpProvider } from '@app/testing';

describe('the whole credential lifecycle over HTTP', () => {
  let dir: string;
  let app: AppProcess;
  let key: string;
  let admin: string;
  let achievementId: string;
  const providerId = 'lifecycle-poly';
  const env = { EXPIRY_INTERVAL_MS: '200' };

  const post = (items: unknown[]) => app.api('POST', `/v1/providers/${providerId}/events`, { key, body: { items } });
  const verify = (ref: string) => app.api('GET', `/v1/credentials/${credentialIdFor(providerId, ref)}/verification`, { key });
  const head = async () => (await app.api('GET', '/v1/projections', { key: admin })).body.head as number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-life-'));
    app = await AppProcess.start({ dataDir: dir, env });
    admin = app.adminKey();
    ({ key, achievementId } = await setUpProvider(app, providerId));
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('when a credential is amended, suspended, reinstated and revoked', () => {
    it('shows each state in turn and keeps the history', async () => {
      const ref = 'LC-1';
      const steps: [unknown, string][] = [
        [issueItem('lc-1', ref, achievementId), 'issued'],
        [{ sourceEventId: 'lc-2', type: 'CredentialAmended', data: { credentialRef: ref, changes: { grade: 'Distinction' }, reason: 'regraded' } }, 'issued'],
        [{ sourceEventId: 'lc-3', type: 'CredentialSuspended', data: { credentialRef: ref, reason: 'investigation' } }, 'suspended'],
        [{ sourceEventId: 'lc-4', type: 'CredentialReinstated', data: { credentialRef: ref } }, 'issued'],
        [{ sourceEventId: 'lc-5', type: 'CredentialRevoked', data: { credentialRef: ref, reason: 'fraud' } }, 'revoked'],
      ];
      for (const [i, [item, status]] of steps.entries()) {
        const res = await post([item]);
        expect(res.body.results[0].outcome).toBe('accepted');
        await eventually(async () => (await verify(ref)).body.history?.length === i + 1, 5000, 'projection');
        expect((await verify(ref)).body.status).toBe(status);
      }
      const final = (await verify(ref)).body;
      expect(final.grade).toBe('Distinction');
      expect(final.history.map((h: { type: string }) => h.type)).toEqual([
        'CredentialIssued', 'CredentialAmended', 'CredentialSuspended', 'CredentialReinstated', 'CredentialRevoked',
      ]);
    });
  });

  describe('when validUntil passes', () => {
    it('records CredentialExpired once, and not again after a restart', async () => {
      const soon = new Date(Date.now() + 1500).toISOString();
      const later = new Date(Date.now() + 3_600_000).toISOString();
      const issuedAt = new Date(Date.now() - 60_000).toISOString();
      const item = (id: string, ref: string, validUntil: string) => ({ ...issueItem(id, ref, achievementId), data: { ...issueItem(id, ref, achievementId).data, issuedAt, validUntil } });
      const res = await post([item('ex-1', 'EX-1', soon), item('ex-2', 'EX-2', soon), item('ex-3', 'EX-3', later)]);
      expect(res.body.summary.accepted).toBe(3);
      // EX-2's validity is extended before it falls due.
      expect((await post([{ sourceEventId: 'ex-2b', type: 'CredentialAmended', data: { credentialRef: 'EX-2', changes: { validUntil: later }, reason: 'extended' } }])).body.results[0].outcome).toBe('accepted');

      await eventually(async () => (await verify('EX-1')).body.history?.some((h: { type: string }) => h.type === 'CredentialExpired'), 15_000, 'expiry recorded');
      expect((await verify('EX-1')).body.status).toBe('expired');
      expect((await verify('EX-2')).body.status).toBe('issued');
      expect((await verify('EX-3')).body.status).toBe('issued');
      const refused = await post([{ sourceEventId: 'ex-4', type: 'CredentialSuspended', data: { credentialRef: 'EX-1', reason: 'x' } }]);
      expect(refused.body.results[0].errors[0].code).toBe('CREDENTIAL.EXPIRED');

      const before = await head();
      await app.stop();
      app = await AppProcess.start({ dataDir: dir, env });
      await new Promise((r) => setTimeout(r, 1000)); // several scheduler passes
      expect(await head()).toBe(before);
      expect((await verify('EX-1')).body.history.filter((h: { type: string }) => h.type === 'CredentialExpired')).toHaveLength(1);
    }, 60_000);
  });

  describe('when a provider acts on many credentials at once', () => {
    it('suspends and revokes them with one reason, one outcome per credential, idempotently', async () => {
      const refs = Array.from({ length: 50 }, (_, i) => `BULK-${i}`);
      const issued = await post(refs.map((ref, i) => issueItem(`bulk-issue-${i}`, ref, achievementId)));
      expect(issued.body.summary.accepted).toBe(50);
      const bulk = (action: string, credentialRefs: string[], requestId: string) =>
        app.api('POST', `/v1/providers/${providerId}/bulk-actions`, { key, body: { requestId, action, credentialRefs, reason: 'assessment breach' } });

      const suspended = await bulk('suspend', refs.slice(0, 20), 'recall-1');
      expect(suspended.status).toBe(207);
      expect(suspended.body.summary).toEqual({ accepted: 20, duplicate: 0, rejected: 0 });
      expect((await bulk('suspend', refs.slice(0, 20), 'recall-1')).body.summary).toEqual({ accepted: 0, duplicate: 20, rejected: 0 });

      const revoked = await bulk('revoke', [...refs, 'NEVER-ISSUED'], 'recall-2');
      expect(revoked.body.summary).toEqual({ accepted: 50, duplicate: 0, rejected: 1 });
      expect(revoked.body.results[50].errors[0].code).toBe('CREDENTIAL.NOT_ISSUED');
      await eventually(async () => (await verify('BULK-49')).body.status === 'revoked', 5000, 'projection');
      expect((await verify('BULK-0')).body).toMatchObject({ status: 'revoked', statusReason: 'assessment breach' });
    });

    it('refuses an unknown action naming the field', async () => {
      const res = await app.api('POST', `/v1/providers/${providerId}/bulk-actions`, { key, body: { requestId: 'x', action: 'delete', credentialRefs: ['A'], reason: 'r' } });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('action');
    });
  });
});
