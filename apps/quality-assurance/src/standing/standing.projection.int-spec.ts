import { EventTypes, Streams } from '@app/contracts';
import { appended, projectTwice, ProjectedTwice } from '@app/testing';
import { StandingProjection } from './standing.projection';
import { QaCollections } from './standing.view';

const accreditationId = '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f';
const refs = { accreditationId, qaBodyId: 'nzqa', providerId: 'uni-a' };
const nzqa = { role: 'qa-body' as const, id: 'key-of-nzqa' };

const log = [
  appended(Streams.provider('uni-a'), { type: EventTypes.ProviderRegistered, data: { providerId: 'uni-a', name: 'University A', jurisdiction: 'NZ', kind: 'university' } }, '2026-01-01T00:00:00.000Z'),
  appended(Streams.qaBody('nzqa'), { type: EventTypes.QualityAssuranceBodyRegistered, data: { qaBodyId: 'nzqa', name: 'NZQA', jurisdictions: ['NZ'], frameworks: ['NZQCF'] } }, '2026-01-02T00:00:00.000Z'),
  appended(Streams.accreditation(accreditationId), {
    type: EventTypes.ProviderAccredited,
    data: { ...refs, scope: { framework: 'NZQCF', minLevel: 5, maxLevel: 7 }, validFrom: '2026-03-01T00:00:00Z', validUntil: '2027-03-01T00:00:00Z', decisionRef: 'M-12' },
  }, '2026-02-20T00:00:00.000Z', nzqa),
  appended(Streams.accreditation(accreditationId), { type: EventTypes.AccreditationSuspended, data: { ...refs, effectiveFrom: '2026-05-01T00:00:00Z', reason: 'audit' } }, '2026-04-20T00:00:00.000Z', nzqa),
  appended(Streams.accreditation(accreditationId), { type: EventTypes.AccreditationReinstated, data: { ...refs, effectiveFrom: '2026-06-01T00:00:00Z' } }, '2026-05-25T00:00:00.000Z', nzqa),
  appended(Streams.accreditation(accreditationId), { type: EventTypes.AccreditationWithdrawn, data: { ...refs, effectiveFrom: '2026-09-01T00:00:00Z', reason: 'closed' } }, '2026-08-25T00:00:00.000Z', nzqa),
  // A change to an accreditation this read model never saw granted: nothing to update.
  appended(Streams.accreditation('4d5e6f7a-8b9c-4d0e-8f1a-2b3c4d5e6f7a'), {
    type: EventTypes.AccreditationSuspended,
    data: { ...refs, accreditationId: '4d5e6f7a-8b9c-4d0e-8f1a-2b3c4d5e6f7a', effectiveFrom: '2026-05-01T00:00:00Z', reason: 'x' },
  }, '2026-08-26T00:00:00.000Z', nzqa),
];

describe('StandingProjection', () => {
  let projected: ProjectedTwice;
  beforeAll(async () => {
    projected = await projectTwice(new StandingProjection(), log);
  });

  describe('when a provider is accredited, suspended, reinstated and withdrawn', () => {
    it('keeps the provider\'s jurisdiction and the body\'s name', () => {
      expect(projected.incremental[QaCollections.providers]).toEqual([{ providerId: 'uni-a', jurisdiction: 'NZ' }]);
      expect(projected.incremental[QaCollections.bodies]).toEqual([{ qaBodyId: 'nzqa', name: 'NZQA', jurisdictions: ['NZ'] }]);
    });

    it('keeps the accreditation with its decision, every change and the intervals they cut', () => {
      expect(projected.incremental[QaCollections.accreditations]).toEqual([expect.objectContaining({
        ...refs, decisionRef: 'M-12', validFrom: '2026-03-01T00:00:00Z', validUntil: '2027-03-01T00:00:00Z',
        // The acting key stays in the log: the decision names the role and the body only.
        decision: expect.objectContaining({ recordedAt: '2026-02-20T00:00:00.000Z', actor: { role: 'qa-body', qaBodyId: 'nzqa' } }),
        changes: [
          expect.objectContaining({ type: 'AccreditationSuspended', effectiveFrom: '2026-05-01T00:00:00Z', reason: 'audit' }),
          expect.objectContaining({ type: 'AccreditationReinstated', effectiveFrom: '2026-06-01T00:00:00Z' }),
          expect.objectContaining({ type: 'AccreditationWithdrawn', effectiveFrom: '2026-09-01T00:00:00Z', reason: 'closed' }),
        ],
        intervals: [
          { from: '2026-03-01T00:00:00Z', until: '2026-05-01T00:00:00Z', status: 'active' },
          { from: '2026-05-01T00:00:00Z', until: '2026-06-01T00:00:00Z', status: 'suspended' },
          { from: '2026-06-01T00:00:00Z', until: '2026-09-01T00:00:00Z', status: 'active' },
          { from: '2026-09-01T00:00:00Z', until: '2027-03-01T00:00:00Z', status: 'withdrawn' },
        ],
      })]);
      const [view] = projected.incremental[QaCollections.accreditations] as { changes: object[] }[];
      expect(view.changes[1]).not.toHaveProperty('reason');
    });

    it('ignores a change to an accreditation it never saw granted, without parking it', () => {
      expect(projected.parked).toEqual([]);
    });
  });

  describe('when the read model is reset and rebuilt from the log in one replay', () => {
    it('builds the very same rows as event by event', () => {
      expect(projected.rebuilt).toEqual(projected.incremental);
    });
  });
});
