import { EventTypes, LedgerEvent, RecordedEvent } from '@app/contracts';
import { achievementHistory } from './achievement-history';

const achievementId = 'a6c1f1f0-1111-4222-8333-444455556666';
let position = 0;
const rec = (event: LedgerEvent): RecordedEvent =>
  ({ ...event, streamId: 's', revision: 0, position: ++position, metadata: { recordedAt: `2026-01-0${(position % 9) + 1}T00:00:00Z` } }) as unknown as RecordedEvent;
const policy = { jurisdiction: 'NZ', version: '1' };
const decision = (type: 'AchievementApproved' | 'AchievementApprovalDeclined', jurisdiction: string, revision?: number) =>
  rec({ type, data: { achievementId, qaBodyId: 'qa', policy: { ...policy, jurisdiction }, ...(revision ? { revision } : {}), rulesPassed: [], failures: [] } } as unknown as LedgerEvent);

describe('achievement history', () => {
  const defined = rec({ type: EventTypes.AchievementDefined, data: { achievementId, providerId: 'uni-a', title: 'One' } } as LedgerEvent);
  const legacyApproval = decision('AchievementApproved', 'NZ');
  const revised = rec({ type: EventTypes.AchievementRevised, data: { achievementId, providerId: 'uni-a', spec: { title: 'Two' }, reason: 'r' } } as LedgerEvent);
  const declined2 = decision('AchievementApprovalDeclined', 'NZ', 2);
  const au = decision('AchievementApproved', 'AU', 2);
  const withdrawnAu = rec({ type: EventTypes.AchievementApprovalWithdrawn, data: { achievementId, qaBodyId: 'qa', jurisdiction: 'AU', reason: 'x', effectiveFrom: '2026-02-01T00:00:00Z' } } as LedgerEvent);

  it('is absent for an achievement never defined', () => expect(achievementHistory([], [legacyApproval])).toBeUndefined());

  it('shows each revision with the decisions that judged it, and the live decision per jurisdiction', () => {
    const h = achievementHistory([defined, revised], [legacyApproval, declined2, au, withdrawnAu])!;
    expect(h).toMatchObject({ achievementId, providerId: 'uni-a', currentRevision: 2, retired: false });
    expect(h.revisions.map((r) => [r.revision, r.spec.title, r.reason])).toEqual([[1, 'One', undefined], [2, 'Two', 'r']]);
    // A decision that names no revision judged the one in force at its position: the definition here.
    expect(h.revisions[0].approvals).toEqual([expect.objectContaining({ jurisdiction: 'NZ', status: 'approved' })]);
    expect(h.revisions[1].approvals).toEqual([expect.objectContaining({ jurisdiction: 'NZ', status: 'declined' }), expect.objectContaining({ jurisdiction: 'AU', status: 'withdrawn' })]);
    expect(h.approvals).toEqual([
      expect.objectContaining({ jurisdiction: 'NZ', status: 'declined', revision: 2, current: true }),
      expect.objectContaining({ jurisdiction: 'AU', status: 'withdrawn', revision: 2, current: true }),
    ]);
  });

  it('marks an approval of an earlier revision as not current', () => {
    const h = achievementHistory([defined, revised], [decision('AchievementApproved', 'NZ', 1)])!;
    expect(h.approvals).toEqual([expect.objectContaining({ status: 'approved', revision: 1, current: false })]);
  });

  it('ignores a withdrawal with no decision to withdraw', () => {
    expect(achievementHistory([defined], [withdrawnAu])!.approvals).toEqual([]);
  });
});
