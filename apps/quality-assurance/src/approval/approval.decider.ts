import { ApprovalEvent, CreditsRef, DomainError, EventTypes, JurisdictionPolicy, LevelRef } from '@app/contracts';
import { evaluatePolicy } from '../policy/engine';
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
  const { passed, failures } = evaluatePolicy(command.policy, { achievement: spec, level, credits });
  const common = {
    achievementId: command.achievementId,
    qaBodyId: command.qaBodyId,
    policy: { jurisdiction: command.policy.jurisdiction, version: command.policy.version },
    revision,
    ...(level ? { level: { framework: level.framework, value: level.value } } : {}),
    ...(credits ? { credits: { system: credits.system, value: credits.value } } : {}),
  };
  return failures.length === 0
    ? [{ type: EventTypes.AchievementApproved, data: { ...common, rulesPassed: passed } }]
    : [{ type: EventTypes.AchievementApprovalDeclined, data: { ...common, failures } }];
}

export const approvalDecider = { initial: initialApprovalState, evolve: evolveApproval, decide: decideApproval };
