import { AchievementSpec, EventTypes, Streams } from '@app/contracts';
import { appended, projectTwice, ProjectedTwice } from '@app/testing';
import { CredentialStandingView, discrepancyIdFor, PendingDiscrepancy, PendingSupersession, StandingCollections, StandingProjection } from './standing.projection';

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
    expect(s.history.map((h) => [h.cause, h.standing.qualityAssured, h.standing.reasons.map((r) => r.code)])).toEqual([
      [EventTypes.CredentialIssued, false, ['unaccredited-provider', 'unapproved-achievement']],
      [EventTypes.ProviderAccredited, false, ['unapproved-achievement']],
      [EventTypes.AchievementApproved, true, []],
    ]);
    expect(s.standing).toEqual({
      qualityAssured: true, accreditation: { status: 'accredited', accreditationId, qaBodyId: 'nzqa' },
      approval: { status: 'approved', jurisdiction: 'NZ', revision: 1, decidedRevision: 1 }, policy: { jurisdiction: 'NZ', version: '2025.1' }, reasons: [],
    });
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
