import { AnyEvent, LedgerEvent, RecordedEvent } from '@app/contracts';
import { ReadTx } from './read-store.port';

/**
 * A read model fed from the global log. `apply` runs inside the transaction that also
 * stores the projection's checkpoint, so a batch is applied exactly once or not at all.
 */
export interface Projection<E extends AnyEvent = LedgerEvent> {
  /** Also the checkpoint name. */
  readonly name: string;
  readonly collections: string[];
  apply(tx: ReadTx, event: RecordedEvent<E>): Promise<void>;
}
