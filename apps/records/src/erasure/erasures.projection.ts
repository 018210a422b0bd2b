import { EventTypes, RecordedEvent } from '@app/contracts';
import { Projection, ReadTx } from '@app/read-store';

export const ERASURES = 'records.erasures';

/** A learner erased (by learnerId); folded from LearnerErased, so a replay gives the same answer. */
export interface ErasureDoc {
  learnerId: string;
  keyIds: string[];
  erasedAt: string;
  position: number;
}

/** Which learners were erased: every records answer about them says `erased: true`. */
export class ErasuresProjection implements Projection {
  readonly name = 'records.erasures';
  readonly collections = [ERASURES];

  async apply(tx: ReadTx, event: RecordedEvent): Promise<void> {
    if (event.type !== EventTypes.LearnerErased) return;
    // The first erasure stands; a second one (a concurrent retry) changes nothing.
    if (await tx.get<ErasureDoc>(ERASURES, event.data.learnerId)) return;
    const { learnerId, keyIds } = event.data;
    return tx.put<ErasureDoc>(ERASURES, learnerId, { learnerId, keyIds, erasedAt: event.metadata.recordedAt, position: event.position });
  }
}
