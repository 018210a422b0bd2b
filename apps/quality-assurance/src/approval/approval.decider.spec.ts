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
  qualityAssurance: { type: 'external', description: 'NZQA' },
} as AchievementDefined;
const live: AchievementState = { defined, revision: 1, retired: false };
const nz = shippedPolicy('NZ')!;
const policy = { jurisdiction: 'NZ', version: nz.version };

const approve = (over: Partial<Extract<ApprovalCommand, { type: 'DecideApproval' }>> = {}): ApprovalCommand => ({
  type: 'DecideApproval', achievementId, qaBodyId: 'nzqa', jurisdiction: 'NZ', achievement: live, policy: nz,
  level: { framework: 'NZQCF', value: 5 }, credits: { system: 'NZQCF-credit', value: 15 }, ...over,
});
const withdraw = (qaBodyId = 'nzqa'): ApprovalCommand => ({ type: 'WithdrawApproval', achievementId, qaBodyId, jurisdiction: 'NZ', reason: 'review', effectiveFrom: '2026-09-01T00:00:00Z' });

const ua = { id: 'ua-recognition-minimums', version: '2021.1', met: true, passed: ['UA-OUTCOMES', 'UA-UNIT-OF-EXCHANGE', 'UA-UNIT-AGREES', 'UA-QA-METADATA'], failures: [] };
const normalised = {
  eqf: { level: 5, basis: expect.stringContaining('NZQF-EQF'), source: expect.any(String) },
  ects: { min: 5, max: 6, basis: 'hours', source: expect.stringContaining('ECTS') },
};
const approved = {
  type: EventTypes.AchievementApproved,
  data: {
    achievementId, qaBodyId: 'nzqa', policy, revision: 1, level: { framework: 'NZQCF', value: 5 }, credits: { system: 'NZQCF-credit', value: 15 }, rulesPassed: nz.rules.map((r) => r.id),
    normalised, ruleSets: [ua],
  },
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
            expect.objectContaining({ ruleId: 'NZ-CREDITS-HOURS', field: 'credits.value' }),
            expect.objectContaining({ ruleId: 'NZ-LEVEL', field: 'level' }),
          ],
          normalised: { ects: normalised.ects },
          ruleSets: [{ ...ua, met: false, passed: ['UA-OUTCOMES', 'UA-UNIT-OF-EXCHANGE', 'UA-QA-METADATA'], failures: [expect.objectContaining({ ruleId: 'UA-UNIT-AGREES' })] }],
        },
      }]));
    it('records no rule-set outcome under a policy version that includes none', () =>
      expect(decideApproval(initialApprovalState, approve({ policy: { ...nz, includes: undefined, ruleSets: undefined } }))[0].data).not.toHaveProperty('ruleSets'));
    it("takes level and credits from the specification when they are in the jurisdiction's framework and unit", () => {
      const withOwn: AchievementState = { defined: { ...defined, level: { framework: 'NZQCF', value: 5 }, workload: { hours: 150, credits: { system: 'NZQCF-credit', value: 15 } } }, revision: 1, retired: false };
      spec.given([]).when(approve({ achievement: withOwn, level: undefined, credits: undefined })).then([approved]);
    });
    it('does not take a level from another framework', () =>
      spec.given([]).when(approve({ achievement: { defined: { ...defined, level: { framework: 'EQF', value: 5 } }, revision: 1, retired: false }, level: undefined })).then([
        { type: EventTypes.AchievementApprovalDeclined },
      ]));
    it('declines credits the QA body approves that disagree with the hours (3 credits, 30 h, approved as 10)', () => {
      const small: AchievementState = { defined: { ...defined, workload: { hours: 30, credits: { system: 'NZQCF-credit', value: 3 } } }, revision: 1, retired: false };
      const [decision] = decideApproval(initialApprovalState, approve({ achievement: small, credits: { system: 'NZQCF-credit', value: 10 } }));
      expect(decision).toMatchObject({ type: EventTypes.AchievementApprovalDeclined, data: { failures: [expect.objectContaining({ ruleId: 'NZ-CREDITS-HOURS', field: 'credits.value' })] } });
    });

    describe('under the EU policy', () => {
      const eu = shippedPolicy('EU')!;
      const inEu = (over: Partial<Extract<ApprovalCommand, { type: 'DecideApproval' }>>) => approve({ jurisdiction: 'EU', policy: eu, level: undefined, credits: undefined, ...over });
      const decide = (over: Partial<Extract<ApprovalCommand, { type: 'DecideApproval' }>>) => decideApproval(initialApprovalState, inEu(over))[0];

      it('approves NZ credits with hours, recording the ECTS-equivalent of the hours', () =>
        expect(decide({ credits: { system: 'NZQCF-credit', value: 15 } })).toMatchObject({
          type: EventTypes.AchievementApproved, data: { credits: { system: 'NZQCF-credit', value: 15 }, normalised: { ects: { min: 5, max: 6, basis: 'hours' } } },
        }));
      it('records ECTS as declared when approved in ECTS', () =>
        expect(decide({ credits: { system: 'ECTS', value: 5 } }).data).toMatchObject({ normalised: { ects: { min: 5, max: 5, basis: 'declared' } } }));
      it.each([['NZQCF', 8], ['AQF', 8]])('approves %s %i, recording the level as not comparable', (framework, value) =>
        expect(decide({ level: { framework, value } })).toMatchObject({
          type: EventTypes.AchievementApproved,
          data: { level: { framework, value }, normalised: { eqf: { level: null, notComparable: true, basis: expect.any(String), source: expect.any(String), reason: expect.any(String) } } },
        }));
      it('declines an unassessed micro-credential', () =>
        expect(decide({ achievement: { defined: { ...defined, assessment: { type: 'none', supervised: false, identityVerified: false } }, revision: 1, retired: false } })).toMatchObject({
          type: EventTypes.AchievementApprovalDeclined, data: { failures: [expect.objectContaining({ ruleId: 'EU-ASSESSMENT', field: 'assessment.type' })] },
        }));
      it('decides for a member state under the EU policy, naming the member state beside the policy', () => {
        const [event] = decideApproval(initialApprovalState, inEu({ jurisdiction: 'IE' }));
        expect(event.data).toMatchObject({ jurisdiction: 'IE', policy: { jurisdiction: 'EU', version: eu.version } });
        const state = evolveApproval(initialApprovalState, event);
        expect(Object.keys(state.byJurisdiction)).toEqual(['IE']);
        expect(() => decideApproval(state, inEu({ jurisdiction: 'IE' }))).toThrow(expect.objectContaining({ code: 'APPROVAL.ALREADY_APPROVED' }));
      });
      it('names no jurisdiction of its own when it is the policy\'s', () => expect(decide({})).not.toHaveProperty('data.jurisdiction'));
      it('keeps a QF-EHEA cycle beside a consistent EQF level', () =>
        expect(decide({ level: { framework: 'EQF', value: 6 }, cycle: 'first' }).data).toMatchObject({ cycle: 'first', normalised: { eqf: { level: 6 } } }));
      it('keeps a cycle given alone, with its EQF level', () =>
        expect(decide({ cycle: 'second' }).data).toMatchObject({ cycle: 'second', normalised: { eqf: { level: 7, basis: expect.stringContaining('QF-EHEA') } } }));
      it('refuses a cycle that contradicts the level, naming the cycle', () => {
        expect(() => decide({ level: { framework: 'EQF', value: 6 }, cycle: 'second' })).toThrow(expect.objectContaining({ code: 'REQUEST.INVALID', errors: [expect.objectContaining({ field: 'cycle' })] }));
      });
    });

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
      const state = evolveApproval(initialApprovalState, { type: EventTypes.AchievementApproved, data: { ...approved.data, normalised: undefined, ruleSets: undefined } });
      expect(state.byJurisdiction.NZ).toMatchObject({ status: 'approved', revision: 1 });
    });
  });
});
