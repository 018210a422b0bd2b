import { EventTypes, RecordedEvent } from '@app/contracts';
import { applyThroughCache, Projection, ReadTx } from '@app/read-store';

export const LEARNER_LINKS = 'records-learner-links';

/** The learner streams that name a learner in a merge or a split, other than its own. */
export interface LearnerLinksView {
  learnerId: string;
  namedBy: string[];
}

/**
 * Where to look in the log for a learner's merges and splits. A merge is written on the stream of
 * the learner merged into, and a split on the stream split from, so neither shows on the stream of
 * the other learners it names. This index only says which streams to read: the record itself is
 * computed from those streams as of the instant asked, never from here.
 */
export class LearnerLinksProjection implements Projection {
  readonly name = 'records.learner-links';
  readonly collections = [LEARNER_LINKS];

  async apply(tx: ReadTx, event: RecordedEvent): Promise<void> {
    if (event.type === EventTypes.LearnerRecordsMerged) {
      for (const id of event.data.learnerIds) if (id !== event.data.into) await this.link(tx, id, event.data.into);
    } else if (event.type === EventTypes.LearnerRecordsSplit) {
      await this.link(tx, event.data.newLearnerId, event.data.learnerId);
    }
  }

  /** Through the batch cache, like the other records projections. */
  applyBatch(tx: ReadTx, events: RecordedEvent[]): Promise<void> {
    return applyThroughCache(tx, events, (t, e) => this.apply(t, e));
  }

  private async link(tx: ReadTx, learnerId: string, namedBy: string): Promise<void> {
    const view = (await tx.get<LearnerLinksView>(LEARNER_LINKS, learnerId)) ?? { learnerId, namedBy: [] };
    if (view.namedBy.includes(namedBy)) return;
    await tx.put<LearnerLinksView>(LEARNER_LINKS, learnerId, { learnerId, namedBy: [...view.namedBy, namedBy].sort() });
  }
}
