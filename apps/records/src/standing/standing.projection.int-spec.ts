import { AchievementSpec, EventTypes, Streams } from '@app/contracts';
import { appended, projectTwice, ProjectedTwice } from '@app/testing';
import { CredentialStandingView, discrepancyIdFor, PendingDiscrepancy, PendingSupersession, StandingCollections, standingHistory, StandingProjection } from './standing.projection';

const providerId = 'uni-a';
const achievementId = '6d0f1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b';
const accreditationId = '7e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b';
const early = '1a2b3c4d-0000-4000-8000-000000000001';
const inWindow = '1a2b3c4d-0000-4000-8000-000000000002';
const spec: AchievementSpec = {
  title: 'Data Literacy Foundations', learningOutcomes: ['Interpret descriptive statistics'],
  workload: { hours: 150, credits: { system: 'NZQCF-credit', value: 15 } }, level: { framework: 'NZQCF', value: 5 },
  assessment: { type: 'portfolio', supervised: false, identityVerified: true }, participation: 'online', language: 'en',
};
const issued = (credentialId: string, issuedAt: string, at: string) => appended(Streams.credential(credentialId), {
  type: EventTypes.CredentialIssued, data: { credentialId, credentialRef: credentialId.slice(-4), providerId, achievementId, holder: { identifierDigests: [] }, issuedAt },
}, at);

// The credentials come before any QA decision; the accreditation and the approval are reported late.
const log = [
  appended(Streams.provider(providerId), { type: EventTypes.ProviderRegistered, data: { providerId, name: 'Uni A', jurisdiction: 'NZ', kind: 'university' } }, '2026-01-01T00:00:00.000Z'),
  appended(Streams.achievement(achievementId), { type: EventTypes.AchievementDefined, data: { ...spec, achievementId, providerId } }, '2026-01-02T00:00:00.000Z'),
  issued(early, '2025-12-01T00:00:00.000Z', '2026-01-03T00:00:00.000Z'),
  issued(inWindow, '2026-01-03T00:00:00.000Z', '2026-01-03T00:00:00.000Z'),
  appended(Streams.accreditation(accreditationId), { type: EventTypes.ProviderAccredited, data: {
    accreditationId, qaBodyId: 'nzqa', providerId, scope: { framework: 'NZQCF', minLevel: 4, maxLevel: 6 }, validFrom: '2026-01-01T00:00:00.000Z', validUntil: '2027-01-01T00:00:00.000Z',
  } }, '2026-02-01T00:00:00.000Z'),
  appended(Streams.approval(achievementId), { type: EventTypes.AchievementApproved, data: {
    achievementId, qaBodyId: 'nzqa', policy: { jurisdiction: 'NZ', version: '2025.1' }, revision: 1, rulesPassed: [],
  } }, '2026-02-02T00:00:00.000Z'),
];

describe('StandingProjection', () => {
  let projected: ProjectedTwice;
  const standing = (id: string) => (projected.incremental[StandingCollections.standings] as CredentialStandingView[]).find((s) => s.credentialId === id)!;
  beforeAll(async () => {
    projected = await projectTwice(new StandingProjection(), log);
  });

  it('judges a credential on what was known at its position, then re-judges it on late QA reports, one history row per change', () => {
    const s = standing(inWindow);
    expect(standingHistory(s).map((h) => [h.cause, h.standing.qualityAssured, h.standing.reasons.map((r) => r.code)])).toEqual([
      [EventTypes.CredentialIssued, false, ['unaccredited-provider', 'unapproved-achievement']],
      [EventTypes.ProviderAccredited, false, ['unapproved-achievement']],
      [EventTypes.AchievementApproved, true, []],
    ]);
    expect(s.standing).toEqual({
      qualityAssured: true, accreditation: { status: 'accredited', accreditationId, qaBodyId: 'nzqa' },
      approval: { status: 'approved', jurisdiction: 'NZ', revision: 1, decidedRevision: 1 }, policy: { jurisdiction: 'NZ', version: '2025.1' }, reasons: [],
    });
  });

  it('stores the current standing once: the last history row takes it from the view', () => {
    const s = standing(inWindow);
    expect(s.history.map((h) => h.standing !== undefined)).toEqual([true, true, false]);
    expect(standingHistory(s).at(-1)!.standing).toEqual(s.standing);
  });

  it('keeps a credential issued before the accreditation window unaccredited: the approval changes only its approval', () => {
    const s = standing(early);
    expect(s.history.map((h) => h.cause)).toEqual([EventTypes.CredentialIssued, EventTypes.AchievementApproved]);
    expect(s.standing.reasons.map((r) => r.code)).toEqual(['unaccredited-provider']);
  });

  it('queues each discrepancy the judgements called for once, under an id derived from the issue event and kind', () => {
    const pending = projected.incremental[StandingCollections.pending] as PendingDiscrepancy[];
    expect(pending.map((p) => [p.credentialId, p.kind]).sort()).toEqual([
      [early, 'unaccredited-provider'], [early, 'unapproved-achievement'], [inWindow, 'unaccredited-provider'], [inWindow, 'unapproved-achievement'],
    ].sort());
    expect(new Set(pending.map((p) => p.discrepancyId)).size).toBe(4);
    expect(projected.parked).toEqual([]);
  });

  it('queues a supersession, naming the event, for each reason a late QA report made moot; a reason that still holds stays open', () => {
    const moot = projected.incremental[StandingCollections.superseded] as PendingSupersession[];
    const idOf = (id: string, kind: string) => discrepancyIdFor(standing(id).issueEventId, kind);
    expect(moot.map((m) => m.discrepancyId).sort()).toEqual([idOf(inWindow, 'unaccredited-provider'), idOf(inWindow, 'unapproved-achievement'), idOf(early, 'unapproved-achievement')].sort());
    const approval = moot.find((m) => m.discrepancyId === idOf(early, 'unapproved-achievement'))!;
    expect(approval.reason).toMatch(/^AchievementApproved \(event [0-9a-f-]{36}, log position \d+\) re-judged the credential: unapproved-achievement no longer holds$/);
    expect(standing(early).discrepancies).toEqual({
      'unaccredited-provider': { discrepancyId: idOf(early, 'unaccredited-provider'), holds: true },
      'unapproved-achievement': { discrepancyId: idOf(early, 'unapproved-achievement'), holds: false },
    });
  });

  it('builds the very same rows when replayed from an empty read store', () => expect(projected.rebuilt).toEqual(projected.incremental));
});

describe('StandingProjection: the policy in force at issue', () => {
  const c1 = '1a2b3c4d-0000-4000-8000-0000000000b1';
  const c2 = '1a2b3c4d-0000-4000-8000-0000000000b2';
  const accId = '7e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5c';
  const policy = (version: string, min: number, at: string) => appended(Streams.policy('NZ'), { type: EventTypes.JurisdictionPolicyPublished, data: {
    jurisdiction: 'NZ', version, source: 'https://www.nzqa.govt.nz/', policy: { jurisdiction: 'NZ', version, title: 'NZ', source: 'https://www.nzqa.govt.nz/', rules: [{ id: 'NZ-MIN-HOURS', kind: 'min-hours', min }] },
  } }, at);
  const approval = (version: string, at: string) => appended(Streams.approval(achievementId), { type: EventTypes.AchievementApproved, data: {
    achievementId, qaBodyId: 'nzqa', policy: { jurisdiction: 'NZ', version }, revision: 1, level: { framework: 'NZQCF', value: 5 }, credits: { system: 'NZQCF-credit', value: 15 }, rulesPassed: ['NZ-MIN-HOURS'],
  } }, at);
  const issuedOn = (credentialId: string, issuedAt: string) => appended(Streams.credential(credentialId), {
    type: EventTypes.CredentialIssued, data: { credentialId, credentialRef: credentialId.slice(-4), providerId, achievementId, holder: { identifierDigests: [] }, issuedAt },
  }, issuedAt);
  const policyLog = [
    log[0], log[1],
    appended(Streams.accreditation(accId), { type: EventTypes.ProviderAccredited, data: {
      accreditationId: accId, qaBodyId: 'nzqa', providerId, scope: { framework: 'NZQCF', minLevel: 4, maxLevel: 6 }, validFrom: '2026-01-01T00:00:00.000Z', validUntil: '2027-01-01T00:00:00.000Z',
    } }, '2026-01-02T00:00:00.000Z'),
    policy('2026.1', 50, '2026-01-02T00:00:00.000Z'),
    approval('2026.1', '2026-01-03T00:00:00.000Z'),
    // A stricter version from March: 150 hours no longer suffice.
    policy('2026.2', 200, '2026-03-01T00:00:00.000Z'),
    issuedOn(c1, '2026-02-15T00:00:00.000Z'),
    issuedOn(c2, '2026-03-15T00:00:00.000Z'),
    // Re-approved under the version in force: the violation no longer holds…
    approval('2026.2', '2026-04-01T00:00:00.000Z'),
    // …and a decision under the old version brings it back, as a new discrepancy.
    approval('2026.1', '2026-05-01T00:00:00.000Z'),
  ];
  let projected: ProjectedTwice;
  const standingOf = (id: string) => (projected.incremental[StandingCollections.standings] as CredentialStandingView[]).find((s) => s.credentialId === id)!;
  beforeAll(async () => {
    projected = await projectTwice(new StandingProjection(), policyLog);
  });

  it('finds a credential issued under a stricter version than its approval in violation; one issued before it is not', () => {
    // c1 is re-judged too (each approval changes the policy it cites), never in violation.
    expect(standingHistory(standingOf(c1)).map((h) => [h.standing.policy?.version, h.standing.reasons.map((r) => r.code)])).toEqual([['2026.1', []], ['2026.2', []], ['2026.1', []]]);
    expect(standingHistory(standingOf(c2)).map((h) => [h.cause, h.standing.reasons.map((r) => r.code)])).toEqual([
      [EventTypes.CredentialIssued, ['policy-violation']],
      [EventTypes.AchievementApproved, []],
      [EventTypes.AchievementApproved, ['policy-violation']],
    ]);
    expect(standingHistory(standingOf(c2))[0].standing.reasons[0].message).toBe(
      'approved under NZ policy 2026.1, but policy 2026.2 was in force on 2026-03-15T00:00:00.000Z and the achievement breaks it: NZ-MIN-HOURS: 150 h is below the minimum volume of learning of 200 h',
    );
  });

  it('queues the first violation, supersedes it on the re-approval, and queues its return under a new id', () => {
    const first = discrepancyIdFor(standingOf(c2).issueEventId, 'policy-violation');
    const pending = (projected.incremental[StandingCollections.pending] as PendingDiscrepancy[]).filter((p) => p.kind === 'policy-violation');
    expect(pending).toHaveLength(2);
    expect(pending.map((p) => p.discrepancyId)).toContain(first);
    const moot = projected.incremental[StandingCollections.superseded] as PendingSupersession[];
    expect(moot.map((m) => m.discrepancyId)).toEqual([first]);
    expect(standingOf(c2).discrepancies!['policy-violation']).toEqual({ discrepancyId: pending.find((p) => p.discrepancyId !== first)!.discrepancyId, holds: true });
    expect(projected.parked).toEqual([]);
  });

  it('builds the very same rows when replayed from an empty read store', () => expect(projected.rebuilt).toEqual(projected.incremental));
});
