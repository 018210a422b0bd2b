import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentialIdFor } from '@app/contracts';
import { AppProcess, eventually, issueItem, sampleAchievement } from '@app/testing';

/**
 * An approval is of a specification revision: a provider defines an achievement, NZ approves
 * it, the provider revises it, credentials issued after the revision are not covered until
 * NZ re-approves, and every revision reads back with its approval state.
 */
describe('achievement revisions over HTTP', () => {
  let dir: string;
  let app: AppProcess;
  let admin: string;
  let provider: string;
  let otherProvider: string;
  let nzBody: string;
  let auRegulator: string;
  let achievementId: string;
  const providerId = 'rev-e2e-nz';
  const revised = { ...sampleAchievement, title: 'Data Literacy (revised)', learningOutcomes: [...sampleAchievement.learningOutcomes, 'Explain sampling bias'] };

  type Answer = { status: number; body: any; contentType?: string };
  const ok = (res: Answer, status: number) => {
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const expectSameAsAbsent = async (key: string, path: (id: string) => string, absentId: string) => {
    const [outside, absent] = [await app.api('GET', path(achievementId), { key }), await app.api('GET', path(absentId), { key })];
    expect(outside.status).toBe(404);
    expect({ ...outside.body, instance: undefined }).toEqual({ ...absent.body, instance: undefined });
  };
  const read = async (query = '', key = admin) => ok(await app.api('GET', `/v1/achievements/${achievementId}${query}`, { key }), 200);
  const approve = (body: object = {}) => app.api('POST', `/v1/achievements/${achievementId}/approvals`, { key: nzBody, body: { jurisdiction: 'NZ', ...body } });
  const issue = async (ref: string) => {
    const res = ok(await app.api('POST', `/v1/providers/${providerId}/events`, { key: provider, body: { items: [issueItem(ref, ref, achievementId)] } }), 207);
    expect(res.summary).toEqual({ accepted: 1, duplicate: 0, rejected: 0 });
    return credentialIdFor(providerId, ref);
  };
  const verify = (credentialId: string, query = '') => app.api('GET', `/v1/credentials/${credentialId}/verification${query}`, { key: admin });
  const approvalStanding = async () => ok(await app.api('GET', `/v1/providers/${providerId}/standing?achievementId=${achievementId}`, { key: admin }), 200).approval;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-revisions-'));
    app = await AppProcess.start({ dataDir: dir });
    admin = app.adminKey();
    ok(await app.api('POST', '/v1/providers', { key: admin, body: { providerId, name: 'Revisions NZ', jurisdiction: 'NZ', kind: 'university' } }), 201);
    ok(await app.api('POST', '/v1/providers', { key: admin, body: { providerId: 'rev-e2e-other', name: 'Other', jurisdiction: 'NZ', kind: 'university' } }), 201);
    ok(await app.api('POST', '/v1/qa-bodies', { key: admin, body: { qaBodyId: 'rev-nzqa', name: 'NZ QA body', jurisdictions: ['NZ'], frameworks: ['NZQCF'] } }), 201);
    ok(await app.api('POST', '/v1/policies/NZ', { key: admin }), 201);
    provider = ok(await app.api('POST', '/v1/api-keys', { key: admin, body: { role: 'provider', scope: { providerId } } }), 201).apiKey;
    otherProvider = ok(await app.api('POST', '/v1/api-keys', { key: admin, body: { role: 'provider', scope: { providerId: 'rev-e2e-other' } } }), 201).apiKey;
    nzBody = ok(await app.api('POST', '/v1/api-keys', { key: admin, body: { role: 'qa-body', scope: { qaBodyId: 'rev-nzqa', jurisdictions: ['NZ'] } } }), 201).apiKey;
    auRegulator = ok(await app.api('POST', '/v1/api-keys', { key: admin, body: { role: 'regulator', scope: { jurisdictions: ['AU'] } } }), 201).apiKey;
    achievementId = ok(await app.api('POST', `/v1/providers/${providerId}/achievements`, { key: provider, body: sampleAchievement }), 201).achievementId;
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('when defined, approved, revised and re-approved', () => {
    let before: string;
    let between: string;
    let after: string;
    let approvalAfterRevision: unknown;

    beforeAll(async () => {
      expect(ok(await approve({ revision: 1 }), 201)).toMatchObject({ decision: 'approved', revision: 1 });
      before = await issue('REV-BEFORE');
      expect(ok(await app.api('POST', `/v1/providers/${providerId}/achievements/${achievementId}/revisions`, { key: provider, body: { ...revised, reason: 'one more outcome' } }), 201)).toMatchObject({ achievementRevision: 2 });
      between = await issue('REV-BETWEEN');
      await eventually(async () => (await app.api('GET', `/v1/providers/${providerId}/standing`, { key: admin })).status === 200, 10_000, 'standing projection');
      approvalAfterRevision = await approvalStanding();
      expect(ok(await approve(), 201)).toMatchObject({ decision: 'approved', revision: 2 });
      after = await issue('REV-AFTER');
    }, 30_000);

    it('reads every revision back with the approval state of each, per jurisdiction', async () => {
      const detail = await read();
      expect(detail).toMatchObject({ achievementId, providerId, currentRevision: 2, retired: false });
      expect(detail.revisions.map((r: { revision: number; spec: { title: string }; reason?: string }) => [r.revision, r.spec.title, r.reason])).toEqual([
        [1, sampleAchievement.title, undefined], [2, revised.title, 'one more outcome'],
      ]);
      expect(detail.revisions[0].spec).toMatchObject(sampleAchievement);
      expect(detail.revisions[0].approvals).toEqual([expect.objectContaining({ jurisdiction: 'NZ', status: 'approved', qaBodyId: 'rev-nzqa' })]);
      expect(detail.revisions[1].approvals).toEqual([expect.objectContaining({ jurisdiction: 'NZ', status: 'approved' })]);
      expect(detail.approvals).toEqual([expect.objectContaining({ jurisdiction: 'NZ', status: 'approved', revision: 2, current: true })]);
    });

    it('returns one revision with ?revision=, and 404 for a revision that does not exist', async () => {
      const first = await read('?revision=1');
      expect(first.revisions).toHaveLength(1);
      expect(first.revisions[0]).toMatchObject({ revision: 1, spec: { title: sampleAchievement.title } });
      expect((await app.api('GET', `/v1/achievements/${achievementId}?revision=3`, { key: admin })).status).toBe(404);
      const bad = await app.api('GET', `/v1/achievements/${achievementId}?revision=zero`, { key: admin });
      expect(bad.status).toBe(400);
      expect(new Set(bad.body.errors.map((e: { field: string }) => e.field))).toEqual(new Set(['revision']));
    });

    it("lists the provider's achievements with their current revision", async () => {
      await eventually(async () => ok(await app.api('GET', `/v1/providers/${providerId}/achievements`, { key: provider }), 200).achievements[0]?.currentRevision === 2, 10_000, 'achievement index');
      const list = ok(await app.api('GET', `/v1/providers/${providerId}/achievements`, { key: provider }), 200);
      expect(list.achievements).toEqual([{ achievementId, providerId, title: revised.title, currentRevision: 2, retired: false }]);
    });

    it('says revision-not-approved for what is issued after an unapproved revision, and approved after the re-approval', async () => {
      expect(approvalAfterRevision).toMatchObject({ jurisdiction: 'NZ', revision: 2, decidedRevision: 1, approved: false, reasons: ['revision-not-approved'] });
      expect(await approvalStanding()).toMatchObject({ revision: 2, decidedRevision: 2, approved: true, reasons: [] });
    });

    it('verifies each credential against the revision in force when it was issued', async () => {
      const shown = async (credentialId: string) => {
        await eventually(async () => (await verify(credentialId)).body.status === 'issued' && (await verify(credentialId)).body.achievement.revision !== undefined, 10_000, 'records projection');
        return ok(await verify(credentialId), 200).achievement;
      };
      expect(await shown(before)).toMatchObject({ revision: 1, currentRevision: 2, title: sampleAchievement.title });
      expect(await shown(between)).toMatchObject({ revision: 2, currentRevision: 2, title: revised.title });
      expect(await shown(after)).toMatchObject({ revision: 2, title: revised.title });
    });

    it('refuses a verification as of an instant, naming asOf, and any unknown parameter', async () => {
      const asOf = await verify(before, '?asOf=2026-01-01T00:00:00Z');
      expect(asOf.status).toBe(400);
      expect(asOf.body.errors).toEqual([expect.objectContaining({ field: 'asOf' })]);
      expect((await verify(before, '?as_of=2026-01-01')).status).toBe(400);
    });

    it('refuses, with 409 naming revision, an approval of a revision that is not the current one', async () => {
      ok(await app.api('POST', `/v1/achievements/${achievementId}/approvals/NZ/withdrawal`, { key: nzBody, body: { reason: 'review' } }), 200);
      const stale = await approve({ revision: 1 });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ code: 'APPROVAL.REVISION_NOT_CURRENT', errors: [expect.objectContaining({ field: 'revision' })] });
    });
  });

  describe('when the caller is out of scope', () => {
    const absent = '0f0f0f0f-0f0f-4f0f-8f0f-0f0f0f0f0f0f';
    it('answers another provider exactly as an absent achievement', () => expectSameAsAbsent(otherProvider, (id) => `/v1/achievements/${id}`, absent));
    it('answers a regulator of another jurisdiction exactly as an absent achievement', () => expectSameAsAbsent(auRegulator, (id) => `/v1/achievements/${id}`, absent));
    it('answers the QA body of the jurisdiction', async () => expect((await read('', nzBody)).achievementId).toBe(achievementId));
    it("answers another provider's list exactly as an unknown provider's", async () => {
      const [outside, unknown] = [
        await app.api('GET', `/v1/providers/${providerId}/achievements`, { key: otherProvider }),
        await app.api('GET', '/v1/providers/rev-e2e-nobody/achievements', { key: otherProvider }),
      ];
      expect(outside.status).toBe(404);
      expect({ ...outside.body, instance: undefined }).toEqual({ ...unknown.body, instance: undefined });
    });
  });
});
