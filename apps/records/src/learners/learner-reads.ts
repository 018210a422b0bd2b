import { ReadStore } from '@app/read-store';
import { HeldCredential, LearnerCollections, LearnerView } from './learner-view';

/** Every document matching `where`, a page at a time (find answers at most a page). */
export async function findAll<T>(reads: ReadStore, collection: string, where: Record<string, string>, idOf: (doc: T) => string): Promise<T[]> {
  const all: T[] = [];
  for (let page = await reads.find<T>(collection, where, { limit: 500 }); page.length > 0; page = await reads.find<T>(collection, where, { limit: 500, afterId: idOf(page[page.length - 1]) })) {
    all.push(...page);
    if (page.length < 500) break;
  }
  return all;
}

/** The credentials a learner holds now: its own, and those of each learner merged into it (grouped by that learner). */
export async function heldBy(reads: ReadStore, learnerId: string, depth = 0): Promise<{ learnerId: string; credentials: HeldCredential[] }[]> {
  const own = { learnerId, credentials: await findAll<HeldCredential>(reads, LearnerCollections.credentials, { learnerId }, (c) => c.credentialId) };
  if (depth > 20) return [own];
  const merged = await findAll<LearnerView>(reads, LearnerCollections.learners, { mergedInto: learnerId }, (l) => l.learnerId);
  return [own, ...(await Promise.all(merged.map((m) => heldBy(reads, m.learnerId, depth + 1)))).flat()];
}

/** The learner a learner id answers as now (following merges), or undefined when there is none. */
export async function currentLearner(reads: ReadStore, learnerId: string): Promise<LearnerView | undefined> {
  let view = await reads.get<LearnerView>(LearnerCollections.learners, learnerId);
  for (let hops = 0; view?.mergedInto && hops < 20; hops++) view = await reads.get<LearnerView>(LearnerCollections.learners, view.mergedInto);
  return view;
}
