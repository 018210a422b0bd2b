import { AchievementDefined, AchievementSpec, EventTypes, ProviderRegistered } from '@app/contracts';
import { deciderSpec } from '@app/testing';
import { decideAchievement, DefineAchievement, specWarnings } from './achievement.decider';
import { evolveAchievement, initialAchievementState } from './achievement.state';

const provider: ProviderRegistered = { providerId: 'uni-a', name: 'University A', jurisdiction: 'NZ', kind: 'university' };

describe('achievement decider', () => {
  const achievement = { achievementId: 'a6c1f1f0-1111-4222-8333-444455556666', providerId: 'uni-a', title: 'Data literacy' } as AchievementDefined;
  const define = (registeredProvider: ProviderRegistered | null = provider): DefineAchievement => ({
    type: 'DefineAchievement', provider: registeredProvider ? { registered: registeredProvider } : {}, achievement,
  });
  const spec = deciderSpec({ initial: initialAchievementState, evolve: evolveAchievement, decide: decideAchievement });
  describe('when not defined', () => {
    it('defines it for a registered provider', () => spec.given([]).when(define()).then([{ type: EventTypes.AchievementDefined, data: achievement }]));
    it('refuses an unregistered provider', () => spec.given([]).when(define(null)).thenRefuses('PROVIDER.NOT_FOUND'));
  });
  describe('when defined', () => {
    it('refuses to define it again', () =>
      spec.given([{ type: EventTypes.AchievementDefined, data: achievement }]).when(define()).thenRefuses('ACHIEVEMENT.ALREADY_DEFINED'));
  });
  const defined = { type: EventTypes.AchievementDefined, data: achievement };
  const retired = { type: EventTypes.AchievementRetired, data: { achievementId: achievement.achievementId, providerId: 'uni-a', reason: 'superseded' } };
  const spec2 = { ...achievement, title: 'Data literacy II' } as unknown as AchievementSpec;
  const revise = (providerId = 'uni-a') => ({ type: 'ReviseAchievement' as const, providerId, achievementId: achievement.achievementId, spec: spec2, reason: 'new outcomes' });
  const retire = (providerId = 'uni-a') => ({ type: 'RetireAchievement' as const, providerId, achievementId: achievement.achievementId, reason: 'superseded' });

  describe('when defined and live', () => {
    it('revises it with the whole new specification and a reason', () =>
      spec.given([defined]).when(revise()).then([{ type: EventTypes.AchievementRevised, data: { achievementId: achievement.achievementId, providerId: 'uni-a', spec: spec2, reason: 'new outcomes' } }]));
    it('retires it', () => spec.given([defined]).when(retire()).then([retired]));
    it("refuses another provider's revision", () => spec.given([defined]).when(revise('uni-b')).thenRefuses('ACHIEVEMENT.OTHER_PROVIDER'));
    it("refuses another provider's retirement", () => spec.given([defined]).when(retire('uni-b')).thenRefuses('ACHIEVEMENT.OTHER_PROVIDER'));
  });

  describe('when retired', () => {
    it('refuses a revision', () => spec.given([defined, retired]).when(revise()).thenRefuses('ACHIEVEMENT.RETIRED'));
    it('refuses a second retirement', () => spec.given([defined, retired]).when(retire()).thenRefuses('ACHIEVEMENT.RETIRED'));
    it('shows the revised specification before retirement', () => {
      const state = [defined, { type: EventTypes.AchievementRevised, data: { ...revise(), spec: spec2 } }, retired].reduce(evolveAchievement, initialAchievementState);
      expect(state).toMatchObject({ retired: true, defined: { title: 'Data literacy II', achievementId: achievement.achievementId } });
    });
  });

  describe('when never defined', () => {
    it('refuses a revision', () => spec.given([]).when(revise()).thenRefuses('ACHIEVEMENT.NOT_FOUND'));
    it('refuses a retirement', () => spec.given([]).when(retire()).thenRefuses('ACHIEVEMENT.NOT_FOUND'));
  });

  describe('when credits do not agree with the workload hours', () => {
    const mismatch = { code: 'WORKLOAD.CREDITS_HOURS_MISMATCH', field: 'workload.credits.value', message: expect.any(String) };
    const withVolume = (hours: number, system: string, value: number) => ({ ...achievement, workload: { hours, credits: { system, value } } }) as AchievementDefined;

    it('defines it all the same, recording a warning on the event (15 NZ credits for 20 h)', () => {
      const data = withVolume(20, 'NZQCF-credit', 15);
      spec.given([]).when({ ...define(), achievement: data }).then([{ type: EventTypes.AchievementDefined, data: { ...data, warnings: [mismatch] } }]);
    });

    it('records a warning on a revision (5 ECTS for 10 h)', () => {
      const revised = withVolume(10, 'ECTS', 5) as unknown as AchievementSpec;
      spec.given([defined]).when({ ...revise(), spec: revised }).then([{
        type: EventTypes.AchievementRevised,
        data: { achievementId: achievement.achievementId, providerId: 'uni-a', spec: revised, reason: 'new outcomes', warnings: [mismatch] },
      }]);
    });

    it.each([
      ['15 NZ credits for 135 h', 135, 'NZQCF-credit', 15, false],
      ['15 NZ credits for 149 h', 149, 'NZQCF-credit', 15, false],
      ['15 NZ credits for 150 h', 150, 'NZQCF-credit', 15, false],
      ['15 NZ credits for 151 h', 151, 'NZQCF-credit', 15, false],
      ['15 NZ credits for 165 h', 165, 'NZQCF-credit', 15, false],
      ['15 NZ credits for 134 h', 134, 'NZQCF-credit', 15, true],
      ['15 NZ credits for 166 h', 166, 'NZQCF-credit', 15, true],
      ['5 NZ credits for 0 h', 0, 'NZQCF-credit', 5, true],
      ['5 ECTS for 124 h', 124, 'ECTS', 5, true],
      ['5 ECTS for 125 h', 125, 'ECTS', 5, false],
      ['5 ECTS for 150 h', 150, 'ECTS', 5, false],
      ['5 ECTS for 151 h', 151, 'ECTS', 5, true],
    ])('%s: warns %s', (_name, hours, system, value, warns) => {
      expect(specWarnings(withVolume(hours, system, value))).toEqual(warns ? [mismatch] : []);
    });

    it('names the hours the credits stand for', () => {
      expect(specWarnings(withVolume(20, 'NZQCF-credit', 15))[0].message).toBe('15 NZQCF-credit stand for 135-165 h (tolerance 10%), not 20 h');
    });

    it('adds no warning field when all agrees', () =>
      expect(decideAchievement(initialAchievementState, { ...define(), achievement: withVolume(150, 'NZQCF-credit', 15) })[0].data).not.toHaveProperty('warnings'));
  });
});
