import { LedgerEvent, RecordedEvent } from '@app/contracts';
import { ledgerAt, learnerRecord } from './learner-record';
import { scopeRecord } from './record-scope';

const L1 = '11111111-1111-4111-8111-111111111111';
const L2 = '22222222-2222-4222-8222-222222222222';
const C1 = 'c1c1c1c1-0000-4000-8000-000000000001';
const C2 = 'c2c2c2c2-0000-4000-8000-000000000002';
const ACH_NZ = 'a1a1a1a1-0000-4000-8000-000000000001';
const ACH_DE = 'a2a2a2a2-0000-4000-8000-000000000002';
const ACC = 'acacacac-0000-4000-8000-000000000001';
const D1 = 'dddddddd-0000-4000-8000-000000000001';

/** Events recorded a day apart from 2026-01-01, in the order given. */
function log(...events: LedgerEvent[]): RecordedEvent[] {
  return events.map((e, i) => ({
    ...e, streamId: 'test', revision: 0, position: i + 1,
    metadata: { eventId: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`, actor: { role: 'system', id: 't' }, correlationId: 'c', channel: 'internal', occurredAt: day(i + 1), recordedAt: day(i + 1) },
  })) as RecordedEvent[];
}
const day = (n: number) => new Date(Date.UTC(2026, 0, n)).toISOString();

const spec = (title: string, level: { framework: string; value: number }, hours: number) => ({
  title, learningOutcomes: ['x'], workload: { hours }, level, assessment: { type: 'exam', supervised: true, identityVerified: true }, participation: 'online', language: 'en',
});
const policy = (jurisdiction: string) => ({ jurisdiction, version: '1' });

// Day 1..: two providers in two jurisdictions, NZ accredited and approved, DE unaccredited.
const base: LedgerEvent[] = [
  { type: 'ProviderRegistered', data: { providerId: 'uni-nz', name: 'Uni NZ', jurisdiction: 'NZ', kind: 'university' } },
  { type: 'ProviderRegistered', data: { providerId: 'hs-de', name: 'HS DE', jurisdiction: 'DE', kind: 'university' } },
  { type: 'AchievementDefined', data: { achievementId: ACH_NZ, providerId: 'uni-nz', ...spec('Data NZ', { framework: 'NZQCF', value: 5 }, 150) } },
  { type: 'AchievementDefined', data: { achievementId: ACH_DE, providerId: 'hs-de', ...spec('Data DE', { framework: 'EQF', value: 6 }, 125) } },
  { type: 'ProviderAccredited', data: { accreditationId: ACC, qaBodyId: 'nzqa', providerId: 'uni-nz', scope: { framework: 'NZQCF', minLevel: 4, maxLevel: 6 }, validFrom: '2025-01-01T00:00:00Z', validUntil: '2030-01-01T00:00:00Z' } },
  { type: 'AchievementApproved', data: { achievementId: ACH_NZ, qaBodyId: 'nzqa', policy: policy('NZ'), rulesPassed: [] } },
  { type: 'CredentialIssued', data: { credentialId: C1, credentialRef: 'NZ-1', providerId: 'uni-nz', achievementId: ACH_NZ, holder: { identifierDigests: [] }, issuedAt: '2026-01-07T00:00:00Z' } },
  { type: 'LearnerRecordOpened', data: { learnerId: L1, openedBy: { credentialId: C1 } } },
  { type: 'LearnerCredentialLinked', data: { learnerId: L1, credentialId: C1, providerId: 'uni-nz' } },
  { type: 'CredentialIssued', data: { credentialId: C2, credentialRef: 'DE-1', providerId: 'hs-de', achievementId: ACH_DE, holder: { identifierDigests: [] }, issuedAt: '2026-01-10T00:00:00Z', validUntil: '2026-06-01T00:00:00Z' } },
  { type: 'LearnerRecordOpened', data: { learnerId: L2, openedBy: { credentialId: C2 } } },
  { type: 'LearnerCredentialLinked', data: { learnerId: L2, credentialId: C2, providerId: 'hs-de' } },
] as LedgerEvent[];
// Day 13.., later history.
const later: LedgerEvent[] = [
  { type: 'LearnerRecordsMerged', data: { learnerIds: [L1, L2], into: L1, reason: 'same person' } },
  { type: 'DiscrepancyRaised', data: { discrepancyId: D1, kind: 'unaccredited-provider', subject: { credentialId: C2, providerId: 'hs-de', achievementId: ACH_DE }, details: ['no accreditation'], jurisdiction: 'DE' } },
  { type: 'CredentialRevoked', data: { credentialId: C1, credentialRef: 'NZ-1', providerId: 'uni-nz', reason: 'issued in error' } },
  { type: 'AccreditationWithdrawn', data: { accreditationId: ACC, qaBodyId: 'nzqa', providerId: 'uni-nz', effectiveFrom: '2025-06-01T00:00:00Z', reason: 'retroactive' } },
  { type: 'LearnerRecordsSplit', data: { learnerId: L1, credentialIds: [C2], newLearnerId: L2, reason: 'not the same person' } },
] as LedgerEvent[];
const events = log(...base, ...later);
const at = (n: number) => day(n);

describe('learnerRecord', () => {
  describe('when each learner holds one credential', () => {
    const record = learnerRecord(ledgerAt(events, at(12)), L1)!;

    it('lists the credential with provider, jurisdiction, declared achievement, status, standing and normalised figures', () => {
      expect(record).toMatchObject({ learnerId: L1, asOf: at(12), ledgerPosition: 12, discrepancies: [] });
      expect(record.answeredAs).toBeUndefined();
      expect(record.credentials).toHaveLength(1);
      const [c] = record.credentials;
      expect(c).toMatchObject({
        credentialId: C1, credentialRef: 'NZ-1', providerId: 'uni-nz', providerName: 'Uni NZ', jurisdiction: 'NZ', issuedAt: '2026-01-07T00:00:00Z', status: 'issued',
        achievement: { achievementId: ACH_NZ, title: 'Data NZ', revision: 1, level: { framework: 'NZQCF', value: 5 }, workload: { hours: 150 } },
      });
      expect(c.standing).toMatchObject({ qualityAssured: true, accreditation: { status: 'accredited', accreditationId: ACC }, approval: { status: 'approved', revision: 1 }, policy: policy('NZ'), reasons: [] });
      expect(c.normalised.hours).toEqual({ min: 150, max: 150, basis: 'declared' });
      expect(c.normalised.ects).toMatchObject({ min: 5, max: 6, basis: 'hours' });
    });

    it('judges the unaccredited provider unaccredited and unapproved', () => {
      const de = learnerRecord(ledgerAt(events, at(12)), L2)!.credentials[0];
      expect(de.standing.qualityAssured).toBe(false);
      expect(de.standing.reasons.map((r) => r.code)).toEqual(['unaccredited-provider', 'unapproved-achievement']);
      expect(de.normalised.eqf).toMatchObject({ level: 6 });
    });

    it('does not know a learner before its record was opened', () => {
      expect(learnerRecord(ledgerAt(events, at(10)), L2)).toBeUndefined();
    });
  });

  describe('when records are merged', () => {
    it('answers both credentials on the learner merged into, and the merged learner as that one', () => {
      const l = ledgerAt(events, at(13));
      expect(learnerRecord(l, L1)).toMatchObject({ learnerId: L1, mergedFrom: [L2] });
      expect(learnerRecord(l, L1)!.credentials.map((c) => c.credentialId)).toEqual([C1, C2]);
      expect(learnerRecord(l, L2)).toMatchObject({ learnerId: L2, answeredAs: L1, mergedFrom: [L2] });
    });

    it('lists a discrepancy about a credential of the record while it is open', () => {
      expect(learnerRecord(ledgerAt(events, at(14)), L1)!.discrepancies).toEqual([
        { discrepancyId: D1, kind: 'unaccredited-provider', jurisdiction: 'DE', status: 'open', subject: { credentialId: C2, providerId: 'hs-de', achievementId: ACH_DE }, details: ['no accreditation'], raisedAt: at(14) },
      ]);
      const resolved = log(...base, ...later.slice(0, 2), { type: 'DiscrepancyResolved', data: { discrepancyId: D1, resolution: 'dismissed', reason: 'ok' } } as LedgerEvent);
      expect(learnerRecord(ledgerAt(resolved, at(20)), L1)!.discrepancies).toEqual([]);
    });
  });

  describe('when asked as of instants around later changes', () => {
    const nz = (n: number) => learnerRecord(ledgerAt(events, at(n)), L1)!.credentials.find((c) => c.credentialId === C1)!;

    it('gives the status before and after a revocation', () => {
      expect(nz(14).status).toBe('issued');
      expect(nz(15)).toMatchObject({ status: 'revoked', statusReason: 'issued in error' });
    });

    it('gives the standing before and after a retroactive accreditation withdrawal', () => {
      expect(nz(15).standing.qualityAssured).toBe(true);
      expect(nz(16).standing).toMatchObject({ qualityAssured: false, accreditation: { status: 'not-accredited' } });
    });

    it('undoes the merge from the split on, and keeps the merged answer before it', () => {
      expect(learnerRecord(ledgerAt(events, at(16)), L2)!.answeredAs).toBe(L1);
      const after = ledgerAt(events, at(17));
      expect(learnerRecord(after, L2)).toMatchObject({ learnerId: L2 });
      expect(learnerRecord(after, L2)!.answeredAs).toBeUndefined();
      expect(learnerRecord(after, L1)!.credentials.map((c) => c.credentialId)).toEqual([C1]);
      expect(learnerRecord(after, L1)!.mergedFrom).toBeUndefined();
    });

    it('knows a learner split off to a new id from the split on, holding what was split off', () => {
      const fresh = '33333333-3333-4333-8333-333333333333';
      const split = log(...base, { type: 'LearnerRecordsSplit', data: { learnerId: L2, credentialIds: [C2], newLearnerId: fresh, reason: 'two people' } } as LedgerEvent);
      expect(learnerRecord(ledgerAt(split, at(12)), fresh)).toBeUndefined();
      expect(learnerRecord(ledgerAt(split, at(13)), fresh)!.credentials.map((c) => c.credentialId)).toEqual([C2]);
      expect(learnerRecord(ledgerAt(split, at(13)), L2)!.credentials).toEqual([]);
    });

    it('answers a live credential expired once validUntil has come, without waiting for CredentialExpired', () => {
      const de = (asOf: string) => learnerRecord(ledgerAt(events, asOf), L2)!.credentials[0].status;
      expect(de('2026-05-31T23:59:59Z')).toBe('issued');
      expect(de('2026-06-01T00:00:00Z')).toBe('expired');
    });

    it('is the same whatever order and repetition the streams are read in', () => {
      const shuffled = [...events].reverse().concat(events.slice(0, 5));
      expect(learnerRecord(ledgerAt(shuffled, at(15)), L1)).toEqual(learnerRecord(ledgerAt(events, at(15)), L1));
    });
  });
});

describe('scopeRecord', () => {
  const record = learnerRecord(ledgerAt(events, at(14)), L1)!;

  it('shows a regulator only the credentials and discrepancies in its jurisdictions', () => {
    const de = scopeRecord(record, { role: 'regulator', scope: { jurisdictions: ['DE'] } })!;
    expect(de.credentials.map((c) => c.credentialId)).toEqual([C2]);
    expect(de.discrepancies.map((d) => d.discrepancyId)).toEqual([D1]);
    const nz = scopeRecord(record, { role: 'regulator', scope: { jurisdictions: ['NZ'] } })!;
    expect(nz.credentials.map((c) => c.credentialId)).toEqual([C1]);
    expect(nz.discrepancies).toEqual([]);
    expect(scopeRecord(record, { role: 'regulator', scope: { jurisdictions: ['AU'] } })).toBeUndefined();
  });

  it('shows a provider only the credentials it issued, and nothing to a stranger', () => {
    expect(scopeRecord(record, { role: 'provider', scope: { providerId: 'uni-nz' } })!.credentials.map((c) => c.credentialId)).toEqual([C1]);
    expect(scopeRecord(record, { role: 'provider', scope: { providerId: 'other' } })).toBeUndefined();
  });

  it("shows a learner key its own record (a learner merged into it included) and no one else's", () => {
    expect(scopeRecord(record, { role: 'learner', scope: { learnerId: L1 } })).toBe(record);
    expect(scopeRecord(record, { role: 'learner', scope: { learnerId: L2 } })).toBe(record);
    expect(scopeRecord(record, { role: 'learner', scope: { learnerId: 'ffffffff-0000-4000-8000-000000000000' } })).toBeUndefined();
    expect(scopeRecord(record, { role: 'learner', scope: {} })).toBeUndefined();
  });
});
