import { Principal } from '@app/auth';
import { NotFoundError } from '@app/contracts';
import { ReadStore } from '@app/read-store';
import { findAll } from '../learners/learner-reads';
import { HeldCredential, LearnerCollections, LearnerView } from '../learners/learner-view';

/** The 404 of a learner that does not exist or that the caller may not act for: one answer, so existence never leaks. */
export class LearnerNotFoundError extends NotFoundError {
  constructor() {
    super('learner');
    this.message = 'learnerId: learner not found';
  }
}

/** The learner that answers for `learnerId` now: itself, or the one it was merged into. */
export async function currentLearner(reads: ReadStore, learnerId: string): Promise<LearnerView | undefined> {
  let view = await reads.get<LearnerView>(LearnerCollections.learners, learnerId);
  for (let hops = 0; view?.mergedInto && hops < 20; hops++) view = await reads.get<LearnerView>(LearnerCollections.learners, view.mergedInto);
  return view;
}

/**
 * The learner a caller acts on through `learnerId` (following merges): an admin any; a learner
 * key only its own learner, or the one that learner was merged into. Anything else is the
 * same 404 as a learner that does not exist.
 */
export async function learnerActedOn(reads: ReadStore, principal: Principal, learnerId: string): Promise<LearnerView> {
  const learner = await currentLearner(reads, learnerId);
  if (!learner) throw new LearnerNotFoundError();
  if (principal.role === 'admin') return learner;
  if (principal.role === 'learner' && principal.scope.learnerId) {
    const own = await currentLearner(reads, principal.scope.learnerId);
    if (own?.learnerId === learner.learnerId) return learner;
  }
  throw new LearnerNotFoundError();
}

/** The learner and every learner merged into it (transitively): the people a learner record answers for. */
export async function learnerGroup(reads: ReadStore, learner: LearnerView, depth = 0): Promise<{ learners: LearnerView[]; credentials: HeldCredential[] }> {
  const credentials = await findAll<HeldCredential>(reads, LearnerCollections.credentials, { learnerId: learner.learnerId }, (c) => c.credentialId);
  if (depth > 20) return { learners: [learner], credentials };
  const merged = await findAll<LearnerView>(reads, LearnerCollections.learners, { mergedInto: learner.learnerId }, (l) => l.learnerId);
  const groups = await Promise.all(merged.map((m) => learnerGroup(reads, m, depth + 1)));
  return { learners: [learner, ...groups.flatMap((g) => g.learners)], credentials: [...credentials, ...groups.flatMap((g) => g.credentials)] };
}
