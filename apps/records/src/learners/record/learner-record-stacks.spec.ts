import { LedgerEvent, RecordedEvent } from '@app/contracts';
import { ledgerAt, learnerRecord, recordStacks } from './learner-record';
import { scopeRecord } from './record-scope';

const L1 = '11111111-1111-4111-8111-111111111111';
const L2 = '22222222-2222-4222-8222-222222222222';
const C1 = 'c1c1c1c1-0000-4000-8000-000000000001';
const C2 = 'c2c2c2c2-0000-4000-8000-000000000002';
const C3 = 'c3c3c3c3-0000-4000-8000-000000000003';
const ACH_A = 'a1a1a1a1-0000-4000-8000-000000000001';
const ACH_B = 'a2a2a2a2-0000-4000-8000-000000000002';
const ACH_DE = 'a3a3a3a3-0000-4000-8000-000000000003';
const STACK = '5555aaaa-0000-4000-8000-000000000001';
const LATE_STACK = '5555bbbb-0000-4000-8000-000000000002';
const DIGEST = 'f00dfeedf00dfeedf00dfeedf00dfeedf00dfeedf00dfeedf00dfeedf00dfeed';

/** Events recorded a day apart from 2026-01-01, in the order given. */
function log(...events: LedgerEvent[]): RecordedEvent[] {
  return events.map((e, i) => ({
    ...e, streamId: 'test', revision: 0, position: i + 1,
    metadata: { eventId: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`, actor: { role: 'system', id: 't' }, correlationId: 'c', channel: 'internal', occurredAt: day(i + 1), recordedAt: day(i + 1) },
  })) as RecordedEvent[];
}
const day = (n: number) => new Date(Date.UTC(2026, 0, n)).toISOString();
const spec = (title: string, level: { framework: string; value: number }) => ({
  title, learningOutcomes: ['x'], workload: { hours: 150 }, level, assessment: { type: 'exam', supervised: true, identityVerified: true }, participation: 'online', language: 'en',
});
const issued = (credentialId: string, ref: string, providerId: string, achievementId: string, validUntil?: string) => ({
  type: 'CredentialIssued', data: { credentialId, credentialRef: ref, providerId, achievementId, holder: { identifierDigests: [{ scheme: 'NZ-NSN', digest: DIGEST }] }, issuedAt: '2026-01-10T00:00:00Z', ...(validUntil ? { validUntil } : {}) },
});
const stack = (stackId: string, achievements: { providerId: string; achievementId: string; mandatory: boolean }[]) => ({
  type: 'StackDefined', data: { stackId, title: `Stack ${stackId.slice(0, 4)}`, jurisdiction: 'NZ', minimumEcts: 10, minimumEqfLevel: 5, achievements },
});

// Days 1-13: one NZ provider, accredited and approved for two achievements at NZQCF 5 (EQF 5, 150 h = 5-6 ECTS),
// an unaccredited DE provider; a stack of both NZ achievements (A mandatory) and the DE one; three credentials.
const events = log(...[
  { type: 'ProviderRegistered', data: { providerId: 'uni-nz', name: 'Uni NZ', jurisdiction: 'NZ', kind: 'university' } },
  { type: 'ProviderRegistered', data: { providerId: 'hs-de', name: 'HS DE', jurisdiction: 'DE', kind: 'university' } },
  { type: 'AchievementDefined', data: { achievementId: ACH_A, providerId: 'uni-nz', ...spec('A', { framework: 'NZQCF', value: 5 }) } },
  { type: 'AchievementDefined', data: { achievementId: ACH_B, providerId: 'uni-nz', ...spec('B', { framework: 'NZQCF', value: 5 }) } },
  { type: 'AchievementDefined', data: { achievementId: ACH_DE, providerId: 'hs-de', ...spec('DE', { framework: 'EQF', value: 6 }) } },
  { type: 'ProviderAccredited', data: { accreditationId: 'acacacac-0000-4000-8000-000000000001', qaBodyId: 'nzqa', providerId: 'uni-nz', scope: { framework: 'NZQCF', minLevel: 4, maxLevel: 6 }, validFrom: '2025-01-01T00:00:00Z', validUntil: '2030-01-01T00:00:00Z' } },
  { type: 'AchievementApproved', data: { achievementId: ACH_A, qaBodyId: 'nzqa', policy: { jurisdiction: 'NZ', version: '1' }, rulesPassed: [] } },
  { type: 'AchievementApproved', data: { achievementId: ACH_B, qaBodyId: 'nzqa', policy: { jurisdiction: 'NZ', version: '1' }, rulesPassed: [] } },
  stack(STACK, [{ providerId: 'uni-nz', achievementId: ACH_A, mandatory: true }, { providerId: 'uni-nz', achievementId: ACH_B, mandatory: false }, { providerId: 'hs-de', achievementId: ACH_DE, mandatory: false }]),
  issued(C1, 'A-1', 'uni-nz', ACH_A, '2026-01-20T00:00:00Z'),
  { type: 'LearnerRecordOpened', data: { learnerId: L1, openedBy: { credentialId: C1 } } },
  { type: 'LearnerCredentialLinked', data: { learnerId: L1, credentialId: C1, providerId: 'uni-nz' } },
  issued(C2, 'B-1', 'uni-nz', ACH_B),
  { type: 'LearnerCredentialLinked', data: { learnerId: L1, credentialId: C2, providerId: 'uni-nz' } }, // day 14
  issued(C3, 'DE-1', 'hs-de', ACH_DE),
  { type: 'LearnerRecordOpened', data: { learnerId: L2, openedBy: { credentialId: C3 } } },
  { type: 'LearnerCredentialLinked', data: { learnerId: L2, credentialId: C3, providerId: 'hs-de' } },
  { type: 'LearnerRecordsMerged', data: { learnerIds: [L1, L2], into: L1, reason: 'same person' } }, // day 18
  { type: 'CredentialRevoked', data: { credentialId: C2, credentialRef: 'B-1', providerId: 'uni-nz', reason: 'issued in error' } }, // day 19
  stack(LATE_STACK, [{ providerId: 'uni-nz', achievementId: ACH_A, mandatory: true }]), // day 20
  { type: 'CredentialSuspended', data: { credentialId: C1, credentialRef: 'A-1', providerId: 'uni-nz', reason: 'under review' } }, // day 21, after validUntil
  { type: 'CredentialExpired', data: { credentialId: C1, credentialRef: 'A-1', providerId: 'uni-nz', validUntil: '2026-01-20T00:00:00Z' } }, // day 22
  { type: 'LearnerErased', data: { learnerId: L1, keyIds: ['key-of-l1'], reason: 'learner asked' } }, // day 23
] as LedgerEvent[]);

const at = (n: number) => {
  const ledger = ledgerAt(events, day(n));
  return { ledger, record: (id = L1) => learnerRecord(ledger, id)! };
};
const stacksAt = (n: number, id = L1) => {
  const { ledger, record } = at(n);
  return recordStacks(ledger, record(id).credentials);
};

describe('the learner record stacks', () => {
  it('earns a stack once every mandatory achievement is met and enough ECTS-equivalent counts', () => {
    const [s] = stacksAt(18);
    expect(s).toMatchObject({ stackId: STACK, ectsEarned: 10, eligible: true, mandatoryMissing: [] });
    // The DE credential is held but not quality-assured: it adds nothing.
    expect(s.achievements.find((a) => a.achievementId === ACH_DE)).toMatchObject({ held: true, met: false, ects: 0 });
  });

  it('counts a credential until the revocation recorded after asOf, and not after it', () => {
    expect(stacksAt(18)[0].achievements.find((a) => a.achievementId === ACH_B)).toMatchObject({ met: true, ects: 5 });
    const [after] = stacksAt(19);
    expect(after).toMatchObject({ ectsEarned: 5, eligible: false });
    expect(after.reasons.map((r) => r.code)).toEqual(['ects-below-minimum']);
    expect(after.achievements.find((a) => a.achievementId === ACH_B)!.credentials[0]).toMatchObject({ credentialId: C2, status: 'revoked', counts: false });
  });

  it('lists only the stacks defined by asOf, by stackId', () => {
    expect(stacksAt(19).map((s) => s.stackId)).toEqual([STACK]);
    expect(stacksAt(20).map((s) => s.stackId)).toEqual([STACK, LATE_STACK]);
  });

  it('lists no stack before the learner holds a credential it names', () => {
    expect(at(12).ledger.stacks.size).toBe(1);
    const ledger = ledgerAt(events.filter((e) => e.type !== 'LearnerCredentialLinked' || e.data.credentialId === C3), day(18));
    expect(recordStacks(ledger, [])).toEqual([]);
  });

  it('keeps a suspension past expiry: the credential does not count again by running out', () => {
    const expiredOnly = stacksAt(20)[0].achievements.find((a) => a.achievementId === ACH_A)!;
    expect(expiredOnly).toMatchObject({ met: true, credentials: [{ credentialId: C1, status: 'expired', counts: true }] });
    const { record } = at(22);
    expect(record().credentials.find((c) => c.credentialId === C1)!.status).toBe('expired');
    expect(stacksAt(22)[0].achievements.find((a) => a.achievementId === ACH_A)).toMatchObject({ met: false, credentials: [{ credentialId: C1, status: 'suspended', counts: false }] });
  });

  it('counts for a scoped caller only the credentials it may see', () => {
    const { ledger, record } = at(18);
    const de = scopeRecord(record(), { role: 'regulator', scope: { jurisdictions: ['DE'] } })!;
    const [s] = recordStacks(ledger, de.credentials);
    expect(s.achievements.map((a) => [a.achievementId, a.held])).toEqual([[ACH_A, false], [ACH_B, false], [ACH_DE, true]]);
    expect(s.ectsEarned).toBe(0);
    expect(recordStacks(ledger, scopeRecord(record(), { role: 'provider', scope: { providerId: 'uni-nz' } })!.credentials)[0].ectsEarned).toBe(10);
  });
});

describe('the learner record of an erased learner', () => {
  it('is not erased before the erasure was recorded', () => {
    expect(at(22).record()).toMatchObject({ erased: false });
    expect(at(22).record().erasedAt).toBeUndefined();
  });

  it('says erased, and when, from the LearnerErased event, also for a learner merged into it', () => {
    expect(at(23).record()).toMatchObject({ erased: true, erasedAt: day(23) });
    expect(at(23).record(L2)).toMatchObject({ answeredAs: L1, erased: true, erasedAt: day(23) });
  });

  it('holds nothing personal: no identifier digest, no key id', () => {
    const text = JSON.stringify(at(23).record());
    expect(text).not.toContain(DIGEST);
    expect(text).not.toContain('key-of-l1');
    expect(text).not.toContain('holder');
  });
});
