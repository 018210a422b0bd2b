import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Principal } from '@app/auth';
import { anyJurisdictionCovers, NotFoundError } from '@app/contracts';
import { READ_STORE, ReadStore } from '@app/read-store';
import { hasProgressTowards, stackProgress } from '../stack-progress';
import { StackAchievementView, StackCollections, StackView } from '../stacks.projection';
import { LearnerStacksQuery, LearnerStacksResult } from './learner-stacks.query';
import { currentLearner, heldCredentialIds, ScopedStackCredential, stackCredentials } from './stack-credentials';

/** The 404 of a learner that does not exist or that the caller may not see. */
class LearnerNotFoundError extends NotFoundError {
  constructor() {
    super('learner');
    this.message = 'learnerId: learner not found';
  }
}

/**
 * A learner's progress towards every stack they hold a credential for (counting or not), each
 * judged by the stacking rule. A learner key sees only its own learner; a provider only its own
 * credentials, a regulator only credentials issued in its jurisdictions, and a learner with none
 * of those answers as unknown (404), the same as one that does not exist.
 */
@QueryHandler(LearnerStacksQuery)
export class LearnerStacksHandler implements IQueryHandler<LearnerStacksQuery> {
  constructor(@Inject(READ_STORE) private readonly reads: ReadStore) {}

  async execute({ learnerId, principal }: LearnerStacksQuery): Promise<LearnerStacksResult> {
    const learner = await currentLearner(this.reads, learnerId);
    if (!learner || !(await this.isOwnLearner(principal, learner.learnerId))) throw new LearnerNotFoundError();
    const held = await stackCredentials(this.reads, await heldCredentialIds(this.reads, learner.learnerId), new Date());
    const visible = held.filter((c) => sees(principal, c));
    if (principal.role !== 'admin' && principal.role !== 'learner' && visible.length === 0) throw new LearnerNotFoundError();
    const stacks = (await this.stacksTowards(visible)).filter((s) => hasProgressTowards(s, visible)).map((s) => stackProgress(s, visible));
    return { learnerId: learner.learnerId, stacks };
  }

  /** A learner key reads only the learner it was issued for (or the one that learner was merged into). */
  private async isOwnLearner(principal: Principal, learnerId: string): Promise<boolean> {
    if (principal.role !== 'learner') return true;
    const own = principal.scope.learnerId ? await currentLearner(this.reads, principal.scope.learnerId) : undefined;
    return own?.learnerId === learnerId;
  }

  private async stacksTowards(credentials: ScopedStackCredential[]): Promise<StackView[]> {
    const ids = new Set<string>();
    for (const achievementId of new Set(credentials.map((c) => c.achievementId))) {
      for (const link of await this.reads.find<StackAchievementView>(StackCollections.byAchievement, { achievementId }, { limit: 1000 })) ids.add(link.stackId);
    }
    const stacks = await Promise.all([...ids].sort().map((id) => this.reads.get<StackView>(StackCollections.stacks, id)));
    return stacks.filter((s): s is StackView => s !== undefined);
  }
}

function sees(principal: Principal, credential: ScopedStackCredential): boolean {
  if (principal.role === 'provider') return credential.providerId === principal.scope.providerId;
  if (principal.role === 'regulator') return credential.jurisdiction !== undefined && anyJurisdictionCovers(principal.scope.jurisdictions ?? [], credential.jurisdiction);
  return principal.role === 'admin' || principal.role === 'learner';
}
