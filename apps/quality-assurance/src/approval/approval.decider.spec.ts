import { AchievementDefined, EventTypes } from '@app/contracts';
import { shippedPolicy } from '../policy/engine';
import { deciderSpec } from '@app/testing';
import { AchievementState } from '../upstream/achievement-view';
import { ApprovalCommand, decideApproval } from './approval.decider';
import { evolveApproval, initialApprovalState } from './approval.state';

const achievementId = 'a6c1f1f0-1111-4222-8333-444455556666';
const defined = {
  achievementId, providerId: 'uni-a', title: 'Data literacy', learningOutcomes: ['Interpret statistics'],
  workload: { hours: 150 }, assessment: { type: 'portfolio', supervised: false, identityVerified: true }, participation: 'online', language: 'en',
} as AchievementDefined;
const live: AchievementState = { defined, revision: 1, retired: false };
const nz = shippedPolicy('NZ')!;
const policy = { jurisdiction: 'NZ', version: nz.version };

const approve = (over: Partial<Extract<ApprovalCommand, { type: 'DecideApproval' }>> = {}): ApprovalCommand => ({
  type: 'DecideApproval', achievementId, qaBodyId: 'nzqa', jurisdiction: 'NZ', achievement: live, policy: nz,
  level: { framework: 'NZQCF', value: 5 }, credits: { system: 'NZQCF-credit', value: 15 }, ...over,
});
const withdraw = (qaBodyId = 'nzqa'): ApprovalCommand => ({ type: 'WithdrawApproval', achievementId, qaBodyId, jurisdiction: 'NZ', reason: 'review', effectiveFrom: '2026-09-01T00:00:00Z' });

const approved = {
  type: EventTypes.AchievementApproved,
  data: { achievementId, qaBodyId: 'nzqa', policy, revision: 1, level: { framework: 'NZQCF', value: 5 }, credits: { system: 'NZQCF-credit', value: 15 }, rulesPassed: nz.rules.map((r) => r.id) },
};
const withdrawn = { type: EventTypes.AchievementApprovalWithdrawn, data: { achievementId, qaBodyId: 'nzqa', jurisdiction: 'NZ', reason: 'review', effectiveFrom: '2026-09-01T00:00:00Z' } };
const spec = deciderSpec({ initial: initialApprovalState, evolve: evolveApproval, decide: decideApproval });

describe('approval decider', () => {
  describe('when not yet decided', () => {
    it('approves when every rule passes, naming the policy version', () => spec.given([]).when(approve()).then([approved]));
    it('declines listing every failed rule', () =>
      spec.given([]).when(approve({ credits: { system: 'NZQCF-credit', value: 41 }, level: undefined })).then([{
        type: EventTypes.AchievementApprovalDeclined,
        data: {
          achievementId, qaBodyId: 'nzqa', policy, revision: 1, credits: { system: 'NZQCF-credit', value: 41 },
          failures: [
            expect.objectContaining({ ruleId: 'NZ-CREDITS', field: 'credits.value' }),
            expect.objectContaining({ ruleId: 'NZ-LEVEL', field: 'level' }),
          ],
        },
      }]));
    it("takes level and credits from the specification when they are in the jurisdiction's framework and unit", () => {
      const withOwn: AchievementState = { defined: { ...defined, level: { framework: 'NZQCF', value: 5 }, workload: { hours: 150, credits: { system: 'NZQCF-credit', value: 15 } } }, revision: 1, retired: false };
      spec.given([]).when(approve({ achievement: withOwn, level: undefined, credits: undefined })).then([approved]);
    });
    it('does not take a level from another framework', () =>
      spec.given([]).when(approve({ achievement: { defined: { ...defined, level: { framework: 'EQF', value: 5 } }, revision: 1, retired: false }, level: undefined })).then([
        { type: EventTypes.AchievementApprovalDeclined },
      ]));
    it('refuses without a published policy', () => spec.given([]).when(approve({ policy: undefined })).thenRefuses('POLICY.NOT_PUBLISHED'));
    it('refuses an unknown achievement', () => spec.given([]).when(approve({ achievement: { revision: 0, retired: false } })).thenRefuses('ACHIEVEMENT.NOT_FOUND'));
    it('refuses a retired achievement', () => spec.given([]).when(approve({ achievement: { defined, revision: 1, retired: true } })).thenRefuses('ACHIEVEMENT.RETIRED'));
    it('refuses to withdraw', () => spec.given([]).when(withdraw()).thenRefuses('APPROVAL.NOT_APPROVED'));
  });

  describe('when approved', () => {
    it('refuses a second approval in the jurisdiction', () => spec.given([approved]).when(approve()).thenRefuses('APPROVAL.ALREADY_APPROVED'));
    it('approves in another jurisdiction independently', () =>
      spec.given([approved]).when(approve({ jurisdiction: 'AU', policy: shippedPolicy('AU')!, level: undefined, credits: undefined })).then([
        { type: EventTypes.AchievementApprovalDeclined },
      ]));
    it('withdraws', () => spec.given([approved]).when(withdraw()).then([withdrawn]));
    it("refuses another QA body's withdrawal", () => spec.given([approved]).when(withdraw('other-body')).thenRefuses('APPROVAL.OTHER_QA_BODY'));
  });

  describe('when declined', () => {
    const declined = { type: EventTypes.AchievementApprovalDeclined, data: { achievementId, qaBodyId: 'nzqa', policy, failures: [] } };
    it('decides again, e.g. after a revision', () => spec.given([declined]).when(approve()).then([approved]));
    it('refuses to withdraw', () => spec.given([declined]).when(withdraw()).thenRefuses('APPROVAL.NOT_APPROVED'));
  });

  describe('when withdrawn', () => {
    it('can be approved again, under the policy then current', () => {
      const next = { ...nz, version: '2026.1' };
      spec.given([approved, withdrawn]).when(approve({ policy: next })).then([{ ...approved, data: { ...approved.data, policy: { jurisdiction: 'NZ', version: '2026.1' } } }]);
    });
    it('refuses a second withdrawal', () => spec.given([approved, withdrawn]).when(withdraw()).thenRefuses('APPROVAL.NOT_APPROVED'));
  });

  describe('when judging a revision', () => {
    const revised: AchievementState = { ...live, revision: 2 };
    it('names the current revision when none is asked for', () => spec.given([]).when(approve()).then([approved]));
    it('judges the revision asked for when it is the current one', () =>
      spec.given([]).when(approve({ achievement: revised, revision: 2 })).then([{ ...approved, data: { ...approved.data, revision: 2 } }]));
    it('refuses an earlier revision', () => spec.given([]).when(approve({ achievement: revised, revision: 1 })).thenRefuses('APPROVAL.REVISION_NOT_CURRENT'));
    it('refuses a revision that does not exist yet', () => spec.given([]).when(approve({ revision: 2 })).thenRefuses('APPROVAL.REVISION_NOT_CURRENT'));
  });

  describe('when approved for an earlier revision', () => {
    const revised: AchievementState = { ...live, revision: 2 };
    it('decides again for the new revision, which may decline', () =>
      spec.given([approved]).when(approve({ achievement: revised, credits: { system: 'NZQCF-credit', value: 41 } })).then([
        { type: EventTypes.AchievementApprovalDeclined, data: expect.objectContaining({ revision: 2 }) },
      ]));
    it('re-approves the new revision', () =>
      spec.given([approved]).when(approve({ achievement: revised })).then([{ ...approved, data: { ...approved.data, revision: 2 } }]));
    it('refuses a second approval of the same revision', () =>
      spec.given([approved, { ...approved, data: { ...approved.data, revision: 2 } }]).when(approve({ achievement: revised })).thenRefuses('APPROVAL.ALREADY_APPROVED'));
    it('keeps refusing a second approval after a decision that named no revision (recorded before revisions were named)', () => {
      const { revision: _r, ...unnamed } = approved.data;
      spec.given([{ ...approved, data: unnamed }]).when(approve({ achievement: revised })).thenRefuses('APPROVAL.ALREADY_APPROVED');
    });
    it('records which revision each jurisdiction approved', () => {
      const state = [approved].reduce(evolveApproval, initialApprovalState);
      expect(state.byJurisdiction.NZ).toMatchObject({ status: 'approved', revision: 1 });
    });
  });
});
