import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppProcess, eventually, issueItem, sampleAchievement } from '@app/testing';

/**
 * Stacks over HTTP: a QA body defines a stack of achievements (idempotent on re-post, 409 on
 * another definition under the same id, 403 outside its jurisdictions); a learner's progress
 * counts only quality-assured credentials that are not revoked, at or above the level, and is
 * shown to the learner, the admin, the provider and regulators in scope — 404 to everyone else.
 */
describe('stacks over HTTP', () => {
  let dir: string;
  let app: AppProcess;
  let admin: string;
  let qa: string;
  let provider: string;
  let learnerId: string;
  const achievements: string[] = [];
  const credentials: string[] = [];
  const providerId = 'st-e2e-nz';
  const ok = (res: { status: number; body: unknown }, status: number) => {
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as any;
  };
  const fieldsOf = (res: { body: any }) => (res.body.errors ?? []).map((e: { field: string }) => e.field);
  const key = async (role: string, scope: object) => ok(await app.api('POST', '/v1/api-keys', { key: admin, body: { role, scope } }), 201).apiKey as string;
  const stackBody = () => ({
    title: 'Certificate in Applied Data', jurisdiction: 'NZ', minimumEcts: 10, minimumEqfLevel: 5,
    achievements: [{ providerId, achievementId: achievements[0], mandatory: true }, { providerId, achievementId: achievements[1], mandatory: false }, { providerId, achievementId: achievements[2], mandatory: false }],
  });
  const progress = (k: string, id = learnerId) => app.api('GET', `/v1/learners/${id}/stacks`, { key: k });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-stacks-'));
    app = await AppProcess.start({ dataDir: dir });
    admin = app.adminKey();
    ok(await app.api('POST', '/v1/providers', { key: admin, body: { providerId, name: 'Stacks NZ', jurisdiction: 'NZ', kind: 'university' } }), 201);
    ok(await app.api('POST', '/v1/providers', { key: admin, body: { providerId: 'st-e2e-other', name: 'Other NZ', jurisdiction: 'NZ', kind: 'university' } }), 201);
    ok(await app.api('POST', '/v1/qa-bodies', { key: admin, body: { qaBodyId: 'st-nzqa', name: 'NZ QA', jurisdictions: ['NZ'], frameworks: ['NZQCF'] } }), 201);
    ok(await app.api('POST', '/v1/policies/NZ', { key: admin }), 201);
    qa = await key('qa-body', { qaBodyId: 'st-nzqa', jurisdictions: ['NZ'] });
    provider = await key('provider', { providerId });
    // Two achievements at NZQCF 5 (EQF 5, 150 h = 5-6 ECTS), one at NZQCF 4 (EQF 4): below the stack's level.
    for (const level of [5, 5, 4]) {
      achievements.push(ok(await app.api('POST', `/v1/providers/${providerId}/achievements`, { key: provider, body: { ...sampleAchievement, level: { framework: 'NZQCF', value: level } } }), 201).achievementId);
    }
    ok(await app.api('POST', '/v1/accreditations', {
      key: qa, body: { providerId, scope: { framework: 'NZQCF', minLevel: 4, maxLevel: 6 }, validFrom: '2026-01-01T00:00:00Z', validUntil: '2027-01-01T00:00:00Z' },
    }), 201);
    for (const [i, achievementId] of achievements.entries()) {
      ok(await app.api('POST', `/v1/achievements/${achievementId}/approvals`, {
        key: qa, body: { jurisdiction: 'NZ', level: { framework: 'NZQCF', value: i === 2 ? 4 : 5 }, credits: { system: 'NZQCF-credit', value: 15 } },
      }), 201);
    }
    for (const [i, achievementId] of achievements.entries()) {
      const batch = ok(await app.api('POST', `/v1/providers/${providerId}/events`, { key: provider, body: { items: [issueItem(`st-${i}`, `ST-${i}`, achievementId, '444444444')] } }), 207);
      credentials.push(batch.results[0].credentialId);
    }
    await eventually(async () => ok(await app.api('POST', '/v1/learners/lookup', { key: admin, body: { identifiers: [{ scheme: 'NZ-NSN', value: '444444444' }] } }), 200).learners.length === 1, 15_000, 'identity resolution');
    learnerId = ok(await app.api('POST', '/v1/learners/lookup', { key: admin, body: { identifiers: [{ scheme: 'NZ-NSN', value: '444444444' }] } }), 200).learners[0].learnerId;
  }, 90_000);

  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  let stackId: string;

  it('defines a stack once: a re-post is a retry, another definition under its id a 409', async () => {
    const first = ok(await app.api('POST', '/v1/stacks', { key: qa, body: stackBody() }), 201);
    stackId = first.stackId;
    expect(first).toEqual({ stackId: expect.any(String), position: expect.any(Number) });
    expect(ok(await app.api('POST', '/v1/stacks', { key: qa, body: stackBody() }), 200)).toEqual(first);
    // Another order of the same achievements is the same stack.
    expect(ok(await app.api('POST', '/v1/stacks', { key: admin, body: { ...stackBody(), achievements: [...stackBody().achievements].reverse() } }), 200)).toEqual(first);
    expect(ok(await app.api('POST', '/v1/stacks', { key: admin, body: { ...stackBody(), stackId } }), 200)).toEqual(first);
    const changed = await app.api('POST', '/v1/stacks', { key: admin, body: { ...stackBody(), stackId, minimumEcts: 12 } });
    expect(changed.status).toBe(409);
    expect(changed.body).toMatchObject({ code: 'STACK.ALREADY_DEFINED', detail: expect.stringContaining('stackId') });
  });

  it("refuses a qa-body key outside its jurisdictions, and a provider's key", async () => {
    const au = await app.api('POST', '/v1/stacks', { key: qa, body: { ...stackBody(), jurisdiction: 'AU' } });
    expect(au.status).toBe(403);
    expect(au.body.detail).toContain('jurisdiction');
    expect((await app.api('POST', '/v1/stacks', { key: provider, body: stackBody() })).status).toBe(403);
  });

  it("shows the learner's progress: eligible exactly at the minimum, the lower-level credential not counted", async () => {
    await eventually(async () => (await progress(admin)).body.stacks?.[0]?.ectsEarned === 10, 15_000, 'stack and standings projected');
    const answer = ok(await progress(admin), 200);
    expect(answer.learnerId).toBe(learnerId);
    const [s] = answer.stacks;
    expect(s).toMatchObject({ stackId, title: 'Certificate in Applied Data', minimumEcts: 10, minimumEqfLevel: 5, ectsEarned: 10, eligible: true, mandatoryMissing: [] });
    const byAchievement = (id: string) => s.achievements.find((a: any) => a.achievementId === id);
    expect(byAchievement(achievements[0])).toMatchObject({ mandatory: true, held: true, met: true, credentialId: credentials[0], ects: 5 });
    expect(byAchievement(achievements[2])).toMatchObject({ held: true, met: false, ects: 0 });
    expect(byAchievement(achievements[2]).credentials[0]).toMatchObject({ counts: false, eqfLevel: 4, reasons: [expect.objectContaining({ code: 'level-below-minimum' })] });
  });

  it('does not count a suspended credential while it is suspended, and counts it again once reinstated', async () => {
    const change = async (sourceEventId: string, type: string) => ok(await app.api('POST', `/v1/providers/${providerId}/events`, {
      key: provider, body: { items: [{ sourceEventId, type, data: { credentialRef: 'ST-1', reason: 'under review' } }] },
    }), 207);
    const second = async () => (ok(await progress(admin), 200).stacks[0].achievements as any[]).find((a) => a.achievementId === achievements[1]);
    await change('st-suspend', 'CredentialSuspended');
    await eventually(async () => (await second()).met === false, 15_000, 'suspension projected');
    expect((await second()).credentials[0]).toMatchObject({ status: 'suspended', counts: false, reasons: [expect.objectContaining({ code: 'suspended' })] });
    expect(ok(await progress(admin), 200).stacks[0]).toMatchObject({ ectsEarned: 5, eligible: false });
    await change('st-reinstate', 'CredentialReinstated');
    await eventually(async () => (await second()).met === true, 15_000, 'reinstatement projected');
    expect(ok(await progress(admin), 200).stacks[0]).toMatchObject({ ectsEarned: 10, eligible: true });
  });

  it('no longer counts a revoked credential: a mandatory one goes missing', async () => {
    await new Promise((r) => setTimeout(r, 20));
    const beforeRevocation = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    ok(await app.api('POST', `/v1/providers/${providerId}/events`, {
      key: provider, body: { items: [{ sourceEventId: 'st-revoke', type: 'CredentialRevoked', data: { credentialRef: 'ST-0', reason: 'issued in error' } }] },
    }), 207);
    await eventually(async () => (await progress(admin)).body.stacks?.[0]?.eligible === false, 15_000, 'revocation projected');
    const [s] = ok(await progress(admin), 200).stacks;
    expect(s).toMatchObject({ ectsEarned: 5, eligible: false, mandatoryMissing: [{ providerId, achievementId: achievements[0] }] });
    expect(s.reasons.map((r: any) => r.code).sort()).toEqual(['ects-below-minimum', 'mandatory-missing']);
    // The learner record computes the same progress from the log, and as it stood before the revocation.
    const recordAt = async (asOf?: string) => ok(await app.api('GET', `/v1/learners/${learnerId}/record${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ''}`, { key: admin }), 200).stacks;
    expect(await recordAt()).toEqual([s]);
    expect((await recordAt(beforeRevocation))[0]).toMatchObject({ stackId, ectsEarned: 10, eligible: true, mandatoryMissing: [] });
  });

  it('answers the provider and a regulator in scope; 404 as for an unknown learner to everyone else', async () => {
    expect(ok(await progress(provider), 200).stacks).toHaveLength(1);
    expect(ok(await progress(await key('regulator', { jurisdictions: ['NZ'] })), 200).stacks).toHaveLength(1);
    const unknown = await progress(admin, '99999999-9999-4999-8999-999999999999');
    expect(unknown.status).toBe(404);
    const outsiders = [
      await key('regulator', { jurisdictions: ['AU'] }),
      await key('provider', { providerId: 'st-e2e-other' }),
    ];
    for (const outsider of outsiders) {
      const res = await progress(outsider);
      expect(res.status).toBe(404);
      expect({ ...res.body, instance: undefined }).toEqual({ ...unknown.body, instance: undefined });
    }
    expect((await progress(qa)).status).toBe(403);
  });

  it("answers a learner key for its own learner only", async () => {
    const issue = (id: string) => app.api('POST', '/v1/api-keys', { key: admin, body: { role: 'learner', scope: { learnerId: id } } });
    const mine = ok(await issue(learnerId), 201).apiKey as string;
    const own = ok(await progress(mine), 200);
    expect(own.stacks).toHaveLength(1);
    // The learner reads its own record too, with the same progress.
    expect(ok(await app.api('GET', `/v1/learners/${learnerId}/record`, { key: mine }), 200).stacks).toEqual(own.stacks);
    // A key is issued only for a learner that exists; another learner's progress and record are the 404 of an unknown learner.
    expect(fieldsOf(await issue('99999999-9999-4999-8999-999999999999'))).toEqual(['scope.learnerId']);
    ok(await app.api('POST', `/v1/providers/${providerId}/events`, { key: provider, body: { items: [issueItem('st-other', 'ST-OTHER', achievements[0], '555555555')] } }), 207);
    const lookup = async () => ok(await app.api('POST', '/v1/learners/lookup', { key: admin, body: { identifiers: [{ scheme: 'NZ-NSN', value: '555555555' }] } }), 200).learners;
    await eventually(async () => (await lookup()).length === 1, 15_000, 'identity resolution');
    const otherLearner = (await lookup())[0].learnerId as string;
    for (const path of ['stacks', 'record']) {
      const theirs = await app.api('GET', `/v1/learners/${otherLearner}/${path}`, { key: mine });
      const unknown = await app.api('GET', `/v1/learners/99999999-9999-4999-8999-999999999999/${path}`, { key: mine });
      expect(theirs.status).toBe(404);
      expect({ ...theirs.body, instance: undefined }).toEqual({ ...unknown.body, instance: undefined });
    }
  });
});
