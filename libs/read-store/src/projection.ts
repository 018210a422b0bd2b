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
  /**
   * Optional: applies a whole batch at once (the events this projection has not applied yet,
   * in log order), with the same result as `apply` on each in turn. The runner uses it on its
   * normal path; when a batch fails it falls back to `apply`, event by event, to park the
   * event that fails, so `apply` must stay correct on its own.
   */
  applyBatch?(tx: ReadTx, events: RecordedEvent<E>[]): Promise<void>;
}
