import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppProcess, issueItem, LEARNER_LINKED_EVENTS, settledHead, setUpProvider } from '@app/testing';

/** `duplicate` means "this exact request was already applied"; an id reused for anything else is refused (issue 8, item 2). */
describe('outcomes that do not lie (over HTTP)', () => {
  let dir: string;
  let app: AppProcess;
  let admin: string;
  let key: string;
  let achievementId: string;
  const providerId = 'honest-uni';

  const head = () => settledHead(app, admin);
  const LINKED = LEARNER_LINKED_EVENTS;
  const post = (items: unknown[]) => app.api('POST', `/v1/providers/${providerId}/events`, { key, body: { items } });
  const bulk = (body: Record<string, unknown>) => app.api('POST', `/v1/providers/${providerId}/bulk-actions`, { key, body });
  const revoke = (sourceEventId: string, credentialRef: string, reason = 'issued in error') => ({ sourceEventId, type: 'CredentialRevoked', data: { credentialRef, reason } });
  const suspend = (sourceEventId: string, credentialRef: string) => ({ sourceEventId, type: 'CredentialSuspended', data: { credentialRef, reason: 'investigation' } });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-honest-'));
    app = await AppProcess.start({ dataDir: dir });
    admin = app.adminKey();
    ({ key, achievementId } = await setUpProvider(app, providerId));
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('when a sourceEventId is sent again', () => {
    beforeAll(async () => {
      expect((await post([issueItem('h-1', 'H-1', achievementId)])).body.results[0].outcome).toBe('accepted');
    });

    it('answers the exact same request as a duplicate and writes nothing', async () => {
      const before = await head();
      const res = await post([issueItem('h-1', 'H-1', achievementId)]);
      expect(res.body.results[0]).toMatchObject({ outcome: 'duplicate' });
      expect(await head()).toBe(before);
    });

    it('refuses a revoke under the id of the issue, naming the field, and writes nothing', async () => {
      const before = await head();
      const res = await post([issueItem('h-2', 'H-2', achievementId), revoke('h-1', 'H-1')]);
      expect(res.status).toBe(207);
      expect(res.body.results[0].outcome).toBe('accepted');
      expect(res.body.results[1]).toMatchObject({ outcome: 'rejected', errors: [{ code: 'EVENT.SOURCE_ID_REUSED', field: 'items[1].sourceEventId' }] });
      expect(res.body.summary).toEqual({ accepted: 1, duplicate: 0, rejected: 1 });
      // Only the issue of H-2 was written: the revoke was not applied, and not reported as applied.
      expect(await head()).toBe(before + 1 + LINKED);
    });

    it('refuses the same type with another body, and the same id on another credential', async () => {
      const otherHolder = await post([issueItem('h-1', 'H-1', achievementId, '555555555')]);
      expect(otherHolder.body.results[0].errors[0]).toMatchObject({ code: 'EVENT.SOURCE_ID_REUSED', field: 'items[0].sourceEventId' });
      const otherCredential = await post([issueItem('h-1', 'H-9', achievementId)]);
      expect(otherCredential.body.results[0].errors[0]).toMatchObject({ code: 'EVENT.SOURCE_ID_REUSED', field: 'items[0].sourceEventId' });
    });
  });

  describe('when ids are as long as allowed', () => {
    it('keeps two ids that differ only in their last character apart', async () => {
      const stem = 'L'.repeat(199);
      const res = await post([issueItem(`${stem}a`, `${stem}a`, achievementId), issueItem(`${stem}b`, `${stem}b`, achievementId)]);
      expect(res.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(['accepted', 'accepted']);
      expect(res.body.results[0].credentialId).not.toBe(res.body.results[1].credentialId);
      const bulked = await bulk({ requestId: 'R'.repeat(100), action: 'suspend', reason: 'audit', credentialRefs: [`${stem}a`, `${stem}b`] });
      expect(bulked.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(['accepted', 'accepted']);
    });
  });

  describe('when a bulk action is sent', () => {
    beforeAll(async () => {
      const res = await post([issueItem('hb-1', 'HB-1', achievementId), issueItem('hb-2', 'HB-2', achievementId), issueItem('hb-3', 'HB-3', achievementId)]);
      expect(res.body.summary.accepted).toBe(3);
    });

    it('cannot be pre-empted by a provider event that takes the old bulk id', async () => {
      expect((await post([suspend('bulk:recall-1:HB-1', 'HB-1')])).body.results[0].outcome).toBe('accepted');
      const res = await bulk({ requestId: 'recall-1', action: 'revoke', reason: 'recall', credentialRefs: ['HB-1', 'HB-2'] });
      expect(res.status).toBe(207);
      expect(res.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(['accepted', 'accepted']);
    });

    it('answers the same request sent again as duplicates', async () => {
      const before = await head();
      const res = await bulk({ requestId: 'recall-1', action: 'revoke', reason: 'recall', credentialRefs: ['HB-1', 'HB-2'] });
      expect(res.body.summary).toEqual({ accepted: 0, duplicate: 2, rejected: 0 });
      expect(await head()).toBe(before);
    });

    it('refuses the requestId reused with another action, reason or list with 409 naming requestId', async () => {
      const before = await head();
      for (const reuse of [
        { requestId: 'recall-1', action: 'reinstate', reason: 'recall', credentialRefs: ['HB-1', 'HB-2'] },
        { requestId: 'recall-1', action: 'revoke', reason: 'another reason', credentialRefs: ['HB-1', 'HB-2'] },
        { requestId: 'recall-1', action: 'revoke', reason: 'recall', credentialRefs: ['HB-1', 'HB-3'] },
        { requestId: 'recall-1', action: 'revoke', reason: 'recall', credentialRefs: ['HB-3'] },
      ]) {
        const res = await bulk(reuse);
        expect(res.status).toBe(409);
        expect(res.contentType).toContain('application/problem+json');
        expect(res.body).toMatchObject({ code: 'EVENT.SOURCE_ID_REUSED', errors: [{ field: 'requestId' }] });
      }
      expect(await head()).toBe(before);
    });
  });
});
