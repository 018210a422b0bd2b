import { AchievementSpec, JurisdictionPolicy } from '@app/contracts';
import { AccreditationFacts, ApprovalFact, CredentialFacts, policyInForce, PublishedPolicy, standingAtIssue } from './standing-at-issue';

const accreditation = (over: Partial<AccreditationFacts> = {}): AccreditationFacts => ({
  accreditationId: 'acc-1', qaBodyId: 'nzqa', scope: { framework: 'NZQCF', minLevel: 4, maxLevel: 6 },
  validFrom: '2025-01-01T00:00:00Z', validUntil: '2026-01-01T00:00:00Z', changes: [], ...over,
});
const policy = { jurisdiction: 'NZ', version: '2025.1' };
const approved = (revision = 1): ApprovalFact => ({ type: 'approved', jurisdiction: 'NZ', revision, policy });
const credential = (over: Partial<CredentialFacts> = {}): CredentialFacts => ({
  issuedAt: '2025-06-01T00:00:00Z', jurisdiction: 'NZ', revision: 1, level: { framework: 'NZQCF', value: 5 }, ...over,
});
const codes = (c: CredentialFacts, accreditations: AccreditationFacts[], approvals: ApprovalFact[]) =>
  standingAtIssue(c, { accreditations, approvals }).reasons.map((r) => r.code);

describe('standingAtIssue', () => {
  it('is quality-assured when accredited in scope and the revision is approved, citing both decisions', () => {
    const s = standingAtIssue(credential(), { accreditations: [accreditation()], approvals: [approved()] });
    expect(s).toEqual({
      qualityAssured: true, accreditation: { status: 'accredited', accreditationId: 'acc-1', qaBodyId: 'nzqa' },
      approval: { status: 'approved', jurisdiction: 'NZ', revision: 1, decidedRevision: 1 }, policy, reasons: [],
    });
  });

  it('counts the window as half-open: in on validFrom, out on validUntil', () => {
    expect(codes(credential({ issuedAt: '2025-01-01T00:00:00Z' }), [accreditation()], [approved()])).toEqual([]);
    expect(codes(credential({ issuedAt: '2024-12-31T23:59:59Z' }), [accreditation()], [approved()])).toEqual(['unaccredited-provider']);
    expect(codes(credential({ issuedAt: '2026-01-01T00:00:00Z' }), [accreditation()], [approved()])).toEqual(['unaccredited-provider']);
  });

  it('is unaccredited during a suspension and accredited again from the reinstatement', () => {
    const a = accreditation({ changes: [{ type: 'suspended', effectiveFrom: '2025-05-01T00:00:00Z' }, { type: 'reinstated', effectiveFrom: '2025-06-01T00:00:00Z' }] });
    expect(codes(credential({ issuedAt: '2025-05-31T00:00:00Z' }), [a], [approved()])).toEqual(['unaccredited-provider']);
    expect(codes(credential({ issuedAt: '2025-06-01T00:00:00Z' }), [a], [approved()])).toEqual([]);
    expect(codes(credential({ issuedAt: '2025-04-30T00:00:00Z' }), [a], [approved()])).toEqual([]);
  });

  it('keeps credentials issued before a withdrawal accredited', () => {
    const a = accreditation({ changes: [{ type: 'withdrawn', effectiveFrom: '2025-07-01T00:00:00Z' }] });
    expect(codes(credential(), [a], [approved()])).toEqual([]);
    expect(codes(credential({ issuedAt: '2025-07-01T00:00:00Z' }), [a], [approved()])).toEqual(['unaccredited-provider']);
  });

  it('finds a level outside the scope at both ends, and compares other frameworks through the EQF', () => {
    expect(codes(credential({ level: { framework: 'NZQCF', value: 7 } }), [accreditation()], [approved()])).toEqual(['level-outside-accreditation-scope']);
    expect(codes(credential({ level: { framework: 'NZQCF', value: 3 } }), [accreditation()], [approved()])).toEqual(['level-outside-accreditation-scope']);
    expect(codes(credential({ level: { framework: 'NZQCF', value: 6 } }), [accreditation()], [approved()])).toEqual([]);
  });

  it('is unapproved without a decision, after a decline, and for a revision no one approved', () => {
    expect(standingAtIssue(credential(), { accreditations: [accreditation()], approvals: [] }).approval.status).toBe('not-approved');
    expect(standingAtIssue(credential(), { accreditations: [accreditation()], approvals: [{ type: 'declined', jurisdiction: 'NZ', revision: 1, policy }] }).approval.status).toBe('declined');
    const s = standingAtIssue(credential({ revision: 2 }), { accreditations: [accreditation()], approvals: [approved(1)] });
    expect(s.approval).toEqual({ status: 'revision-not-approved', jurisdiction: 'NZ', revision: 2, decidedRevision: 1 });
    expect(s.reasons.map((r) => r.code)).toEqual(['unapproved-achievement']);
  });

  it('honours a withdrawal effective on or before issue, not one after', () => {
    const withdrawn = (effectiveFrom: string): ApprovalFact => ({ type: 'withdrawn', jurisdiction: 'NZ', effectiveFrom });
    expect(standingAtIssue(credential(), { accreditations: [accreditation()], approvals: [approved(), withdrawn('2025-06-01T00:00:00Z')] }).approval.status).toBe('withdrawn');
    expect(standingAtIssue(credential(), { accreditations: [accreditation()], approvals: [approved(), withdrawn('2025-06-01T00:00:01Z')] }).approval.status).toBe('approved');
  });

  it('counts only the approval of the provider jurisdiction', () => {
    expect(codes(credential(), [accreditation()], [{ ...approved(), jurisdiction: 'AU' }])).toEqual(['unapproved-achievement']);
  });
});

describe('policy-violation at issue', () => {
  const spec: AchievementSpec = {
    title: 'Data Literacy Foundations', learningOutcomes: ['Interpret descriptive statistics'],
    workload: { hours: 150, credits: { system: 'NZQCF-credit', value: 15 } }, level: { framework: 'NZQCF', value: 5 },
    assessment: { type: 'portfolio', supervised: false, identityVerified: true }, participation: 'online', language: 'en',
  };
  const nzPolicy = (version: string, rules: JurisdictionPolicy['rules']): PublishedPolicy => ({
    version, publishedAt: version === '2025.1' ? '2025-01-01T00:00:00Z' : '2025-05-01T00:00:00Z',
    policy: { jurisdiction: 'NZ', version, title: 'NZ micro-credentials', source: 'https://www.nzqa.govt.nz/', rules },
  });
  const v1 = nzPolicy('2025.1', [{ id: 'NZ-MIN-HOURS', kind: 'min-hours', min: 50 }]);
  // The stricter version in force from 2025-05-01: at least 200 hours, and credits between 5 and 10.
  const v2 = nzPolicy('2025.2', [{ id: 'NZ-MIN-HOURS', kind: 'min-hours', min: 200 }, { id: 'NZ-CREDITS', kind: 'credits-range', system: 'NZQCF-credit', min: 5, max: 10 }]);
  const approvedV1: ApprovalFact = { type: 'approved', jurisdiction: 'NZ', revision: 1, policy, credits: { system: 'NZQCF-credit', value: 15 }, level: { framework: 'NZQCF', value: 5 } };
  const judge = (issuedAt: string, policies: PublishedPolicy[], approvals: ApprovalFact[] = [approvedV1]) =>
    standingAtIssue(credential({ issuedAt, spec }), { accreditations: [accreditation()], approvals, policies });

  it('picks the version whose publication was recorded on or before the issue date', () => {
    expect(policyInForce([v1, v2], '2025-04-30T23:59:59Z')?.version).toBe('2025.1');
    expect(policyInForce([v1, v2], '2025-05-01T00:00:00Z')?.version).toBe('2025.2');
    expect(policyInForce([v1, v2], '2024-12-31T00:00:00Z')).toBeUndefined();
  });

  it('finds a credential issued under a stricter version than its approval in violation, naming every broken rule', () => {
    const s = judge('2025-06-01T00:00:00Z', [v1, v2]);
    expect(s.qualityAssured).toBe(false);
    expect(s.reasons).toEqual([{
      code: 'policy-violation',
      message: 'approved under NZ policy 2025.1, but policy 2025.2 was in force on 2025-06-01T00:00:00Z and the achievement breaks it: '
        + 'NZ-MIN-HOURS: 150 h is below the minimum volume of learning of 200 h; NZ-CREDITS: 15 NZQCF-credit is above the maximum of 10',
    }]);
  });

  it('finds no violation under the version the approval was decided under, before any policy, or without an approval', () => {
    expect(judge('2025-04-01T00:00:00Z', [v1, v2]).reasons).toEqual([]);
    expect(judge('2025-06-01T00:00:00Z', [{ ...v2, version: '2025.1' }]).reasons).toEqual([]);
    expect(judge('2025-06-01T00:00:00Z', []).reasons).toEqual([]);
    expect(judge('2025-06-01T00:00:00Z', [v1, v2], []).reasons.map((r) => r.code)).toEqual(['unapproved-achievement']);
  });

  it("judges only against the versions of the approval's own policy, not another jurisdiction's published beside it", () => {
    const euV2: PublishedPolicy = { ...v2, policy: { ...v2.policy, jurisdiction: 'EU' } };
    expect(judge('2025-06-01T00:00:00Z', [v1, euV2]).reasons).toEqual([]);
    expect(judge('2025-06-01T00:00:00Z', [v1, euV2, v2]).reasons.map((r) => r.code)).toEqual(['policy-violation']);
  });

  it('finds no violation when the stricter version is met', () => {
    const lenient = { ...v2, policy: { ...v2.policy, rules: [{ id: 'NZ-MIN-HOURS', kind: 'min-hours' as const, min: 100 }] } };
    expect(judge('2025-06-01T00:00:00Z', [v1, lenient]).reasons).toEqual([]);
  });
});
