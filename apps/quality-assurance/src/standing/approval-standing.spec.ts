import { EventTypes, LedgerEvent, RecordedEvent } from '@app/contracts';
import { approvalStandingAt } from './approval-standing';

const achievementId = 'a6c1f1f0-1111-4222-8333-444455556666';
let position = 0;
const rec = (event: LedgerEvent, recordedAt: string): RecordedEvent =>
  ({ ...event, streamId: 's', revision: 0, position: ++position, metadata: { recordedAt } }) as unknown as RecordedEvent;
const spec = { title: 'Data literacy' };
const defined = rec({ type: EventTypes.AchievementDefined, data: { achievementId, providerId: 'uni-a', ...spec } } as LedgerEvent, '2026-01-01T00:00:00Z');
const approval = (revision: number | undefined, at: string) =>
  rec({ type: EventTypes.AchievementApproved, data: { achievementId, qaBodyId: 'nzqa', policy: { jurisdiction: 'NZ', version: '1' }, ...(revision ? { revision } : {}), rulesPassed: [] } } as LedgerEvent, at);
const approved1 = approval(1, '2026-02-01T00:00:00Z');
const unnamed = approval(undefined, '2026-02-02T00:00:00Z');
const revised = rec({ type: EventTypes.AchievementRevised, data: { achievementId, providerId: 'uni-a', spec, reason: 'more hours' } } as LedgerEvent, '2026-03-01T00:00:00Z');
const approved2 = approval(2, '2026-04-01T00:00:00Z');
const standing = (approvals: RecordedEvent[], date: string, jurisdiction = 'NZ') => approvalStandingAt(achievementId, [defined, revised], approvals, jurisdiction, date);

describe('approval standing on a date', () => {
  describe('when revision 1 was approved and revision 2 not yet', () => {
    it('keeps the standing of a credential issued before the revision', () =>
      expect(standing([approved1], '2026-02-15T00:00:00Z')).toEqual({ achievementId, jurisdiction: 'NZ', revision: 1, decidedRevision: 1, approved: true, reasons: [] }));
    it('says revision-not-approved for a credential issued after it', () =>
      expect(standing([approved1], '2026-03-15T00:00:00Z')).toMatchObject({ revision: 2, decidedRevision: 1, approved: false, reasons: ['revision-not-approved'] }));
  });

  describe('when revision 2 was re-approved', () => {
    it('approves credentials issued after the re-approval', () => expect(standing([approved1, approved2], '2026-04-15T00:00:00Z')).toMatchObject({ revision: 2, approved: true }));
    it('leaves those issued between the revision and the re-approval not approved', () =>
      expect(standing([approved1, approved2], '2026-03-15T00:00:00Z')).toMatchObject({ approved: false, reasons: ['revision-not-approved'] }));
  });

  it('takes a decision that names no revision as judging the one in force at its position', () => {
    expect(standing([unnamed], '2026-02-15T00:00:00Z')).toMatchObject({ decidedRevision: 1, approved: true });
    expect(standing([unnamed], '2026-03-15T00:00:00Z')).toMatchObject({ decidedRevision: 1, reasons: ['revision-not-approved'] });
  });
  it('is not approved before any decision, in another jurisdiction, or before the definition', () => {
    expect(standing([], '2026-02-15T00:00:00Z').reasons).toEqual(['not-approved']);
    expect(standing([approved1], '2026-02-15T00:00:00Z', 'AU').reasons).toEqual(['not-approved']);
    expect(standing([approved1], '2025-12-01T00:00:00Z').reasons).toEqual(['achievement-not-defined']);
  });
  it('is withdrawn from the withdrawal\'s effective date', () => {
    const withdrawn = rec({ type: EventTypes.AchievementApprovalWithdrawn, data: { achievementId, qaBodyId: 'nzqa', jurisdiction: 'NZ', reason: 'review', effectiveFrom: '2026-02-20T00:00:00Z' } } as LedgerEvent, '2026-02-10T00:00:00Z');
    expect(standing([approved1, withdrawn], '2026-02-15T00:00:00Z').approved).toBe(true);
    expect(standing([approved1, withdrawn], '2026-02-25T00:00:00Z').reasons).toEqual(['approval-withdrawn']);
  });
});
