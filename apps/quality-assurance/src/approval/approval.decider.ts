import {
  ApprovalEvent, creditSystem, CreditsRef, cycleToEqf, DomainError, ectsFromHours, EventTypes, JurisdictionPolicy, LevelRef, levelFramework,
  NormalisedFigures, QfEheaCycle, RequestValidationError, toEqf,
} from '@app/contracts';
import { evaluatePolicy, evaluateRuleSets } from '../policy/engine';
import { AchievementState } from '../upstream/achievement-view';
import { ApprovalState, evolveApproval, initialApprovalState } from './approval.state';

export type ApprovalCommand =
  | {
      type: 'DecideApproval';
      achievementId: string;
      qaBodyId: string;
      jurisdiction: string;
      /** The achievement's specification as it stands now. */
      achievement: AchievementState;
      /** The jurisdiction's current policy; undefined when none is published. */
      policy?: JurisdictionPolicy;
      level?: LevelRef;
      credits?: CreditsRef;
      /** The revision the QA body means to judge; the current one when absent. */
      revision?: number;
      /** QF-EHEA cycle given beside the level. */
      cycle?: QfEheaCycle;
    }
  | { type: 'WithdrawApproval'; achievementId: string; qaBodyId: string; jurisdiction: string; reason: string; effectiveFrom: string };

const E = {
  notPublished: (j: string) => new DomainError('POLICY.NOT_PUBLISHED', `no policy is published for ${j}`),
  achievementNotFound: () => new DomainError('ACHIEVEMENT.NOT_FOUND', 'no achievement with this achievementId is defined'),
  retired: () => new DomainError('ACHIEVEMENT.RETIRED', 'the achievement is retired'),
  alreadyApproved: () => new DomainError('APPROVAL.ALREADY_APPROVED', 'the achievement is already approved in this jurisdiction; withdraw the approval first'),
  notApproved: () => new DomainError('APPROVAL.NOT_APPROVED', 'the achievement is not approved in this jurisdiction'),
  otherQaBody: () => new DomainError('APPROVAL.OTHER_QA_BODY', 'the approval was given by another QA body'),
  revisionNotCurrent: (asked: number, current: number) =>
    new DomainError(REVISION_NOT_CURRENT, `revision ${asked} is not the current revision of the achievement (${current}); only the current one can be judged`, false, { current }),
};

/** A decision names the revision it judged; judging any but the current one is refused (the handler answers 409). */
export const REVISION_NOT_CURRENT = 'APPROVAL.REVISION_NOT_CURRENT';

/**
 * Every rule of the jurisdiction's current policy is checked against the achievement as it
 * stands; the answer is an approval or a decline listing each failed rule — a decline is a
 * decision, not an error. The decision records the policy version it was taken under.
 */
export function decideApproval(state: ApprovalState, command: ApprovalCommand): ApprovalEvent[] {
  const current = state.byJurisdiction[command.jurisdiction];
  if (command.type === 'WithdrawApproval') {
    if (current?.status !== 'approved') throw E.notApproved();
    if (current.qaBodyId !== command.qaBodyId) throw E.otherQaBody();
    const { type: _type, ...data } = command;
    return [{ type: EventTypes.AchievementApprovalWithdrawn, data }];
  }
  if (!command.policy) throw E.notPublished(command.jurisdiction);
  const spec = command.achievement.defined;
  if (!spec) throw E.achievementNotFound();
  if (command.achievement.retired) throw E.retired();
  const revision = command.achievement.revision;
  if (command.revision !== undefined && command.revision !== revision) throw E.revisionNotCurrent(command.revision, revision);
  // An approval holds for the revision it judged: a later revision needs a decision of its own.
  if (current?.status === 'approved' && (current.revision === undefined || current.revision === revision)) throw E.alreadyApproved();
  // Without an explicit level or credits, the specification's own count when they are already in the jurisdiction's framework and unit.
  const level = command.level ?? (spec.level && spec.level.framework === command.policy.levelFramework ? spec.level : undefined);
  const credits = command.credits ?? (spec.workload?.credits && spec.workload.credits.system === command.policy.creditSystem ? spec.workload.credits : undefined);
  const subject = { achievement: spec, level, credits };
  const { passed, failures } = evaluatePolicy(command.policy, subject);
  const normalised = normalise(level ?? spec.level, command.cycle, credits, spec.workload?.hours);
  const ruleSets = evaluateRuleSets(command.policy, subject);
  const common = {
    achievementId: command.achievementId,
    qaBodyId: command.qaBodyId,
    policy: { jurisdiction: command.policy.jurisdiction, version: command.policy.version },
    ...(command.jurisdiction !== command.policy.jurisdiction ? { jurisdiction: command.jurisdiction } : {}),
    revision,
    ...(level ? { level: { framework: level.framework, value: level.value } } : {}),
    ...(credits ? { credits: { system: credits.system, value: credits.value } } : {}),
  };
  // Recorded after the existing fields: the QA body's cycle, the cross-border figures, and the shared rule sets' outcome.
  const recorded = {
    ...(command.cycle ? { cycle: command.cycle } : {}),
    ...(normalised.eqf || normalised.ects ? { normalised } : {}),
    ...(ruleSets.length ? { ruleSets } : {}),
  };
  return failures.length === 0
    ? [{ type: EventTypes.AchievementApproved, data: { ...common, rulesPassed: passed, ...recorded } }]
    : [{ type: EventTypes.AchievementApprovalDeclined, data: { ...common, failures, ...recorded } }];
}

/**
 * The level referenced to the EQF (or "not comparable", never a guess) and the ECTS the
 * decision stands for (declared, or hours/30..hours/25). A cycle that contradicts a
 * comparable level is refused: the request says two different things.
 */
function normalise(level: LevelRef | undefined, cycle: QfEheaCycle | undefined, credits: CreditsRef | undefined, hours: number | undefined): NormalisedFigures {
  const cycleEqf = cycle ? cycleToEqf(cycle) : undefined;
  const figures: NormalisedFigures = {};
  if (level) {
    const ref = toEqf(level.framework, level.value);
    if ('eqf' in ref) {
      if (cycleEqf !== undefined && cycleEqf !== ref.eqf) {
        throw new RequestValidationError([{ field: 'cycle', message: `the ${cycle} cycle is EQF ${cycleEqf}, but ${level.framework} level ${level.value} is EQF ${ref.eqf}` }]);
      }
      figures.eqf = { level: ref.eqf, basis: ref.basis, source: ref.source, ...(ref.status === 'unconfirmed' ? { status: 'unconfirmed' as const } : {}) };
    } else {
      figures.eqf = { level: null, notComparable: true, basis: ref.basis ?? level.framework, ...(ref.source ? { source: ref.source } : {}), reason: ref.reason };
    }
  } else if (cycleEqf !== undefined) {
    const f = levelFramework('QF-EHEA');
    figures.eqf = { level: cycleEqf, basis: f?.basis ?? 'QF-EHEA', ...(f ? { source: f.source } : {}) };
  }
  if (credits?.system === 'ECTS') figures.ects = { min: credits.value, max: credits.value, basis: 'declared', source: creditSystem('ECTS')?.source ?? 'ECTS' };
  else if (hours !== undefined) {
    const ects = ectsFromHours(hours);
    if (ects) figures.ects = ects;
  }
  return figures;
}

export const approvalDecider = { initial: initialApprovalState, evolve: evolveApproval, decide: decideApproval };
