import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { credentialIdFor } from '@app/contracts';
import { AppProcess, eventually, sampleAchievement } from '@app/testing';

const ok = (res: { status: number; body: unknown }, status = 200) => {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as any;
};
const fields = (res: { body: any }) => (res.body.errors ?? []).map((e: { field: string }) => e.field);
const ids = (record: any) => record.credentials.map((c: { credentialId: string }) => c.credentialId);

/**
 * One learner's record across two providers in two jurisdictions, over HTTP: every credential with
 * provider, achievement, status, standing and normalised figures; open discrepancies; the record
 * as it stood before a revocation, an accreditation withdrawal and a merge; each role's view.
 */
describe('learner record over HTTP', () => {
  let dir: string;
  let app: AppProcess;
  let admin: string;
  const nz = 'rec-e2e-nz';
  const au = 'rec-e2e-au';
  const keys: Record<string, string> = {};
  const achievements: Record<string, string> = {};
  let accreditationId: string;
  let stackId: string;
  let learner: string;
  let other: string;
  /** Instants between the changes, for asOf. */
  const marks: Record<string, string> = {};

  const issue = async (providerId: string, ref: string, nsn: string) => {
    const item = { sourceEventId: `src-${ref}`, type: 'CredentialIssued', occurredAt: '2026-03-01T09:00:00Z', data: { credentialRef: ref, achievementId: achievements[providerId], holder: { identifiers: [{ scheme: 'NZ-NSN', value: nsn }] }, issuedAt: '2026-03-01T00:00:00Z' } };
    const batch = ok(await app.api('POST', `/v1/providers/${providerId}/events`, { key: keys[providerId], body: { items: [item] } }), 207);
    expect(batch.results[0].outcome).toBe('accepted');
    return credentialIdFor(providerId, ref);
  };
  const record = (learnerId: string, key = admin, asOf?: string) =>
    app.api('GET', `/v1/learners/${learnerId}/record${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ''}`, { key });
  const learnerOf = async (nsn: string): Promise<string> => {
    const find = async () => ok(await app.api('POST', '/v1/learners/lookup', { key: admin, body: { identifiers: [{ scheme: 'NZ-NSN', value: nsn }] } })).learners;
    await eventually(async () => (await find()).length === 1, 15_000, 'identity resolution');
    return (await find())[0].learnerId;
  };
  /** An instant strictly after everything recorded so far and before anything recorded next. */
  const mark = async (name: string) => {
    await sleep(20);
    marks[name] = new Date().toISOString();
    await sleep(20);
  };
  const credential = (r: any, id: string) => r.credentials.find((c: any) => c.credentialId === id);
  const stacksOf = (learnerId: string, key = admin) => app.api('GET', `/v1/learners/${learnerId}/stacks`, { key });
  const achievementIn = (stack: any, providerId: string) => stack.achievements.find((a: any) => a.providerId === providerId);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-record-'));
    app = await AppProcess.start({ dataDir: dir, env: { RAISE_DISCREPANCIES: 'on' } });
    admin = app.adminKey();
    const key = async (role: string, scope: object) => ok(await app.api('POST', '/v1/api-keys', { key: admin, body: { role, scope } }), 201).apiKey;
    ok(await app.api('POST', '/v1/providers', { key: admin, body: { providerId: nz, name: 'Aotearoa Institute', jurisdiction: 'NZ', kind: 'university' } }), 201);
    ok(await app.api('POST', '/v1/providers', { key: admin, body: { providerId: au, name: 'Southern Cross College', jurisdiction: 'AU', kind: 'college' } }), 201);
    ok(await app.api('POST', '/v1/qa-bodies', { key: admin, body: { qaBodyId: 'nzqa-rec', name: 'NZ QA body', jurisdictions: ['NZ'], frameworks: ['NZQCF'] } }), 201);
    ok(await app.api('POST', '/v1/policies/NZ', { key: admin }), 201);
    keys[nz] = await key('provider', { providerId: nz });
    keys[au] = await key('provider', { providerId: au });
    keys.qa = await key('qa-body', { qaBodyId: 'nzqa-rec', jurisdictions: ['NZ'] });
    keys.nzRegulator = await key('regulator', { jurisdictions: ['NZ'] });
    keys.auRegulator = await key('regulator', { jurisdictions: ['AU'] });
    keys.deRegulator = await key('regulator', { jurisdictions: ['DE'] });
    achievements[nz] = ok(await app.api('POST', `/v1/providers/${nz}/achievements`, { key: keys[nz], body: sampleAchievement }), 201).achievementId;
    achievements[au] = ok(await app.api('POST', `/v1/providers/${au}/achievements`, {
      key: keys[au], body: { ...sampleAchievement, title: 'Applied Analytics', level: { framework: 'AQF', value: 7 }, workload: { hours: 120 } },
    }), 201).achievementId;
    accreditationId = ok(await app.api('POST', '/v1/accreditations', {
      key: keys.qa, body: { providerId: nz, scope: { framework: 'NZQCF', minLevel: 4, maxLevel: 7 }, validFrom: '2026-01-01T00:00:00Z', validUntil: '2027-01-01T00:00:00Z' },
    }), 201).accreditationId;
    ok(await app.api('POST', `/v1/achievements/${achievements[nz]}/approvals`, {
      key: keys.qa, body: { jurisdiction: 'NZ', level: { framework: 'NZQCF', value: 5 }, credits: { system: 'NZQCF-credit', value: 15 } },
    }), 201);

    // A stack of both achievements: the NZ one (EQF 5, 5 ECTS-equivalent) mandatory and enough on its own.
    stackId = ok(await app.api('POST', '/v1/stacks', {
      key: admin, body: { title: 'Trans-Tasman Data Certificate', jurisdiction: 'NZ', minimumEcts: 5, minimumEqfLevel: 5, achievements: [{ providerId: nz, achievementId: achievements[nz], mandatory: true }, { providerId: au, achievementId: achievements[au], mandatory: false }] },
    }), 201).stackId;

    await issue(nz, 'REC-NZ-1', '444444444');
    await issue(au, 'REC-AU-1', '444444444');
    learner = await learnerOf('444444444');
    await eventually(async () => (await record(learner)).body.credentials?.length === 2, 15_000, 'both credentials linked');
    // The AU credential is neither accredited nor approved: its discrepancies are raised by the ledger.
    await eventually(async () => (await record(learner)).body.discrepancies?.length === 2, 15_000, 'discrepancies raised');
    await eventually(async () => (await record(learner)).body.stacks?.length === 1, 15_000, 'stack indexed');
  }, 90_000);

  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists both credentials with provider, jurisdiction, declared achievement, status, standing and normalised figures', async () => {
    const r = ok(await record(learner));
    const nzId = credentialIdFor(nz, 'REC-NZ-1');
    const auId = credentialIdFor(au, 'REC-AU-1');
    expect(r).toMatchObject({ learnerId: learner, asOf: expect.any(String), ledgerPosition: expect.any(Number), erased: false });
    expect(r.erasedAt).toBeUndefined();
    expect(r.answeredAs).toBeUndefined();
    expect(r.mergedFrom).toBeUndefined();
    expect([...ids(r)].sort()).toEqual([nzId, auId].sort());
    expect(credential(r, nzId)).toMatchObject({
      credentialRef: 'REC-NZ-1', providerId: nz, providerName: 'Aotearoa Institute', jurisdiction: 'NZ', issuedAt: '2026-03-01T00:00:00Z', status: 'issued',
      achievement: { achievementId: achievements[nz], title: sampleAchievement.title, revision: 1, level: { framework: 'NZQCF', value: 5 }, workload: { hours: 150, credits: { system: 'NZQCF-credit', value: 15 } } },
      standing: { qualityAssured: true, accreditation: { status: 'accredited', accreditationId }, approval: { status: 'approved', jurisdiction: 'NZ', revision: 1 }, reasons: [] },
      normalised: { eqf: { level: 5 }, hours: { min: 150, max: 150, basis: 'declared' }, ects: { min: 5, max: 6, basis: 'hours' } },
    });
    expect(credential(r, auId)).toMatchObject({
      providerId: au, providerName: 'Southern Cross College', jurisdiction: 'AU', status: 'issued',
      achievement: { title: 'Applied Analytics', revision: 1, level: { framework: 'AQF', value: 7 }, workload: { hours: 120 } },
      standing: { qualityAssured: false, accreditation: { status: 'not-accredited' }, approval: { status: 'not-approved', jurisdiction: 'AU' }, policy: null },
      normalised: { eqf: { level: 6 }, hours: { min: 120, max: 120 } },
    });
    expect(credential(r, auId).standing.reasons.map((x: any) => x.code)).toEqual(['unaccredited-provider', 'unapproved-achievement']);
    // The same figures verification answers, from the read models.
    for (const id of [nzId, auId]) {
      const verified = ok(await app.api('GET', `/v1/credentials/${id}/verification`, { key: admin }));
      expect(credential(r, id).standing).toEqual(verified.standing);
      expect(credential(r, id).normalised).toEqual(verified.normalised);
    }
    expect(r.discrepancies.map((d: any) => [d.kind, d.jurisdiction, d.status, d.subject.credentialId]).sort()).toEqual([
      ['unaccredited-provider', 'AU', 'open', auId],
      ['unapproved-achievement', 'AU', 'open', auId],
    ]);
  });

  it('gives the progress towards the stacks its credentials name, as GET /v1/learners/{id}/stacks answers it now', async () => {
    const r = ok(await record(learner));
    expect(r.stacks).toHaveLength(1);
    const [s] = r.stacks;
    expect(s).toMatchObject({ stackId, title: 'Trans-Tasman Data Certificate', eligible: true, ectsEarned: 5, mandatoryMissing: [] });
    expect(achievementIn(s, nz)).toMatchObject({ held: true, met: true, ects: 5, credentialId: credentialIdFor(nz, 'REC-NZ-1') });
    // Held, but neither accredited nor approved: it adds nothing.
    expect(achievementIn(s, au)).toMatchObject({ held: true, met: false, ects: 0 });
    expect(achievementIn(s, au).credentials[0].reasons.map((x: any) => x.code)).toContain('not-quality-assured');
    expect(ok(await stacksOf(learner)).stacks).toEqual(r.stacks);
  });

  it('answers a record asked again as of its own instant identically, and 404 before the learner existed', async () => {
    const now = ok(await record(learner));
    expect(ok(await record(learner, admin, now.asOf))).toEqual(now);
    const before = await record(learner, admin, '2020-01-01T00:00:00Z');
    expect(before.status).toBe(404);
    expect(before.body.code).toBe('LEARNER.NOT_FOUND');
  });

  it('gives the status as it stood before a revocation', async () => {
    const nzId = credentialIdFor(nz, 'REC-NZ-1');
    await mark('beforeRevocation');
    ok(await app.api('POST', `/v1/providers/${nz}/events`, { key: keys[nz], body: { items: [{ sourceEventId: 'rec-revoke-1', type: 'CredentialRevoked', data: { credentialRef: 'REC-NZ-1', reason: 'issued in error' } }] } }), 207);
    expect(credential(ok(await record(learner)), nzId)).toMatchObject({ status: 'revoked', statusReason: 'issued in error' });
    expect(credential(ok(await record(learner, admin, marks.beforeRevocation)), nzId).status).toBe('issued');
  });

  it("gives a stack's progress as it stood before the revocation, and after it as the stacks route does", async () => {
    const nzId = credentialIdFor(nz, 'REC-NZ-1');
    const [before] = ok(await record(learner, admin, marks.beforeRevocation)).stacks;
    expect(before).toMatchObject({ stackId, eligible: true, ectsEarned: 5 });
    expect(achievementIn(before, nz).credentials).toMatchObject([{ credentialId: nzId, status: 'issued', counts: true }]);
    const now = ok(await record(learner));
    const [after] = now.stacks;
    expect(after).toMatchObject({ stackId, eligible: false, ectsEarned: 0, mandatoryMissing: [{ providerId: nz, achievementId: achievements[nz] }] });
    expect(achievementIn(after, nz).credentials).toMatchObject([{ credentialId: nzId, status: 'revoked', counts: false }]);
    expect(ok(await stacksOf(learner)).stacks).toEqual(now.stacks);
  });

  it('gives the standing as it stood before an accreditation withdrawal reaching back before issue', async () => {
    const nzId = credentialIdFor(nz, 'REC-NZ-1');
    await mark('beforeWithdrawal');
    ok(await app.api('POST', `/v1/accreditations/${accreditationId}/withdrawal`, { key: keys.qa, body: { effectiveFrom: '2026-02-01T00:00:00Z', reason: 'accreditation granted on false evidence' } }));
    const after = credential(ok(await record(learner)), nzId);
    expect(after.standing).toMatchObject({ qualityAssured: false, accreditation: { status: 'not-accredited' } });
    expect(after.standing.reasons.map((x: any) => x.code)).toEqual(['unaccredited-provider']);
    expect(credential(ok(await record(learner, admin, marks.beforeWithdrawal)), nzId).standing).toMatchObject({ qualityAssured: true, accreditation: { status: 'accredited', accreditationId } });
  });

  it('answers a merged learner as the record it joined, and as itself before the merge', async () => {
    const third = await issue(nz, 'REC-NZ-2', '555555555');
    other = await learnerOf('555555555');
    await mark('beforeMerge');
    ok(await app.api('POST', '/v1/learners/merge', { key: admin, body: { learnerIds: [learner, other], reason: 'same person, confirmed' } }));
    const merged = ok(await record(learner));
    expect(merged.mergedFrom).toEqual([other]);
    expect(ids(merged)).toContain(third);
    expect(merged.credentials).toHaveLength(3);
    // Which learner streams name `other` is read-model knowledge: it follows the merge shortly.
    await eventually(async () => (await record(other)).body.answeredAs === learner, 15_000, 'merge indexed');
    const asOther = ok(await record(other));
    expect(asOther).toMatchObject({ learnerId: other, answeredAs: learner, mergedFrom: [other] });
    expect([...ids(asOther)].sort()).toEqual([...ids(merged)].sort());

    const before = ok(await record(other, admin, marks.beforeMerge));
    expect(before.answeredAs).toBeUndefined();
    expect(ids(before)).toEqual([third]);
    expect(ok(await record(learner, admin, marks.beforeMerge)).credentials).toHaveLength(2);
    // Each earlier instant still answers as it did: the revocation and the withdrawal are after beforeRevocation.
    const first = ok(await record(learner, admin, marks.beforeRevocation));
    expect(first.credentials.map((c: any) => [c.credentialRef, c.status, c.standing.qualityAssured]).sort()).toEqual([['REC-AU-1', 'issued', false], ['REC-NZ-1', 'issued', true]]);
  });

  it('shows regulators and providers only the credentials in their scope, and out of scope exactly as an unknown learner', async () => {
    const nzView = ok(await record(learner, keys.nzRegulator));
    expect(nzView.credentials.map((c: any) => c.jurisdiction)).toEqual(['NZ', 'NZ']);
    expect(nzView.discrepancies.every((d: any) => d.jurisdiction === 'NZ')).toBe(true);
    const auView = ok(await record(learner, keys.auRegulator));
    expect(auView.credentials.map((c: any) => c.credentialRef)).toEqual(['REC-AU-1']);
    expect(auView.discrepancies).toHaveLength(2);
    expect(ok(await record(learner, keys[au])).credentials.map((c: any) => c.credentialRef)).toEqual(['REC-AU-1']);
    expect(ok(await record(learner, keys[nz])).credentials.map((c: any) => c.credentialRef).sort()).toEqual(['REC-NZ-1', 'REC-NZ-2']);
    // As of before the merge, the AU regulator has nothing of `other` to see.
    expect((await record(other, keys.auRegulator, marks.beforeMerge)).status).toBe(404);

    const outside = await record(learner, keys.deRegulator);
    const unknown = await record('99999999-9999-4999-8999-999999999999', keys.deRegulator);
    expect(outside.status).toBe(404);
    expect({ ...outside.body, instance: undefined }).toEqual({ ...unknown.body, instance: undefined });
    // A partner key needs a registered partner (step 10).
    const partnerScope = { jurisdictions: ['NZ'], eventKinds: ['credential.issued'], purposes: ['employment-verification'] };
    expect([200, 201]).toContain((await app.api('POST', '/v1/partners', { key: admin, body: { partnerId: 'rec-partner', name: 'Records partner', scope: partnerScope, deliveries: { kafka: false } } })).status);
    const partner = ok(await app.api('POST', '/v1/api-keys', { key: admin, body: { role: 'partner', scope: { partnerId: 'rec-partner' } } }), 201).apiKey;
    expect((await record(learner, partner)).status).toBe(403);
  });

  it("counts towards a stack, for a regulator or a provider, only the credentials it may see, as the stacks route does", async () => {
    const auView = ok(await record(learner, keys.auRegulator));
    expect(auView.stacks).toHaveLength(1);
    expect(achievementIn(auView.stacks[0], nz)).toMatchObject({ held: false, met: false, credentials: [] });
    expect(achievementIn(auView.stacks[0], au)).toMatchObject({ held: true, met: false });
    expect(ok(await stacksOf(learner, keys.auRegulator)).stacks).toEqual(auView.stacks);
    const nzView = ok(await record(learner, keys[nz]));
    expect(achievementIn(nzView.stacks[0], nz).credentials).toHaveLength(2);
    expect(achievementIn(nzView.stacks[0], au)).toMatchObject({ held: false });
    expect(ok(await stacksOf(learner, keys[nz])).stacks).toEqual(nzView.stacks);
  });

  it('shows a learner key its own record and no other', async () => {
    const own = ok(await app.api('POST', '/v1/api-keys', { key: admin, body: { role: 'learner', scope: { learnerId: learner } } }), 201).apiKey;
    const mine = ok(await record(learner, own));
    expect(mine.credentials).toHaveLength(3);
    expect(ok(await stacksOf(learner, own)).stacks).toEqual(mine.stacks);
    const stranger = await issue(au, 'REC-AU-9', '666666666');
    const strangerLearner = await learnerOf('666666666');
    expect(stranger).toBeDefined();
    const refused = await record(strangerLearner, own);
    const unknown = await record('99999999-9999-4999-8999-999999999999', own);
    expect(refused.status).toBe(404);
    expect({ ...refused.body, instance: undefined }).toEqual({ ...unknown.body, instance: undefined });
    expect((await stacksOf(strangerLearner, own)).status).toBe(404);
  });

  it('refuses bad input naming the field', async () => {
    const refusals = [
      [await record('not-a-uuid'), 400, 'learnerId'],
      [await record(learner, admin, '2026-02-30T00:00:00Z'), 400, 'asOf'],
      [await record(learner, admin, '2026-03-01T00:00:00'), 400, 'asOf'],
      [await record(learner, admin, '2999-01-01T00:00:00+13:00'), 400, 'asOf'],
    ] as const;
    for (const [res, status, field] of refusals) {
      expect(res.status).toBe(status);
      expect(res.contentType).toContain('application/problem+json');
      expect(fields(res)).toContain(field);
    }
    const unknown = await record('99999999-9999-4999-8999-999999999999');
    expect(unknown.status).toBe(404);
    expect(unknown.contentType).toContain('application/problem+json');
    expect(unknown.body).toMatchObject({ code: 'LEARNER.NOT_FOUND', detail: expect.stringContaining('learnerId') });
  });
});
