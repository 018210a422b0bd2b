import { DiscrepancyRaised, DomainError, EventTypes, NotFoundError, RecordedEvent } from '@app/contracts';
import { decideDiscrepancy, DiscrepancyState, evolveDiscrepancy } from './discrepancy.decider';

const raised: DiscrepancyRaised = {
  discrepancyId: '6d0f1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b', kind: 'unaccredited-provider', jurisdiction: 'NZ',
  subject: { credentialId: '1a2b3c4d-0000-4000-8000-000000000001', providerId: 'uni-a' }, details: ['no accreditation on the issue date'],
};
const fold = (events: { type: string; data: unknown }[]): DiscrepancyState =>
  events.reduce<DiscrepancyState>((s, e) => evolveDiscrepancy(s, e as RecordedEvent), {});
const resolve = { type: 'ResolveDiscrepancy' as const, discrepancyId: raised.discrepancyId, resolution: 'dismissed' as const, reason: 'reported late' };

describe('discrepancy decider', () => {
  it('raises a discrepancy once: raising it again decides nothing, so a replay never duplicates it', () => {
    expect(decideDiscrepancy({}, { type: 'RaiseDiscrepancy', raised })).toEqual([{ type: EventTypes.DiscrepancyRaised, data: raised }]);
    expect(decideDiscrepancy(fold([{ type: EventTypes.DiscrepancyRaised, data: raised }]), { type: 'RaiseDiscrepancy', raised })).toEqual([]);
  });

  it('resolves an open discrepancy, carrying its jurisdiction', () => {
    expect(decideDiscrepancy(fold([{ type: EventTypes.DiscrepancyRaised, data: raised }]), resolve)).toEqual([
      { type: EventTypes.DiscrepancyResolved, data: { discrepancyId: raised.discrepancyId, resolution: 'dismissed', reason: 'reported late', jurisdiction: 'NZ' } },
    ]);
  });

  it('refuses a second resolution and a resolution of nothing, with stable codes', () => {
    const resolved = fold([{ type: EventTypes.DiscrepancyRaised, data: raised }, { type: EventTypes.DiscrepancyResolved, data: { ...resolve } }]);
    expect(() => decideDiscrepancy(resolved, resolve)).toThrow(expect.objectContaining({ code: 'DISCREPANCY.ALREADY_RESOLVED' }));
    expect(() => decideDiscrepancy(resolved, resolve)).toThrow(DomainError);
    expect(() => decideDiscrepancy({}, resolve)).toThrow(NotFoundError);
  });

  it('supersedes an open discrepancy once, and leaves a person\'s resolution (or nothing raised) as it is', () => {
    const supersede = { type: 'SupersedeDiscrepancy' as const, discrepancyId: raised.discrepancyId, reason: 'AchievementApproved (event e1) at position 9: the achievement is approved' };
    const open = fold([{ type: EventTypes.DiscrepancyRaised, data: raised }]);
    expect(decideDiscrepancy(open, supersede)).toEqual([
      { type: EventTypes.DiscrepancyResolved, data: { discrepancyId: raised.discrepancyId, resolution: 'superseded', reason: supersede.reason, jurisdiction: 'NZ' } },
    ]);
    const superseded = fold([{ type: EventTypes.DiscrepancyRaised, data: raised }, { type: EventTypes.DiscrepancyResolved, data: { discrepancyId: raised.discrepancyId, resolution: 'superseded', reason: 'x' } }]);
    expect(decideDiscrepancy(superseded, supersede)).toEqual([]);
    const byPerson = fold([{ type: EventTypes.DiscrepancyRaised, data: raised }, { type: EventTypes.DiscrepancyResolved, data: { ...resolve } }]);
    expect(decideDiscrepancy(byPerson, supersede)).toEqual([]);
    expect(decideDiscrepancy({}, supersede)).toEqual([]);
  });
});
