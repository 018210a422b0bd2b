import { EventIdReusedError } from '../../event-store.errors';

/**
 * Which stream recently appended event ids went to, kept in this process only and bounded
 * (oldest forgotten first). EventStoreDB has no index by event id, so this is how the
 * adapter notices an id reused on another stream: reliably within one process and its
 * recent history, not across processes or restarts.
 */
export class RecentEventIds {
  private readonly streams = new Map<string, string>();

  constructor(private readonly capacity = 50_000) {}

  /** Throws EventIdReusedError when one of `eventIds` was last seen on another stream. */
  check(streamId: string, eventIds: string[]): void {
    for (const id of eventIds) {
      const seen = this.streams.get(id.toLowerCase());
      if (seen !== undefined && seen !== streamId) throw new EventIdReusedError(id);
    }
  }

  remember(streamId: string, eventIds: string[]): void {
    for (const id of eventIds) {
      const key = id.toLowerCase();
      // Re-inserting moves the id to the young end of the Map's insertion order.
      this.streams.delete(key);
      this.streams.set(key, streamId);
    }
    for (const oldest of this.streams.keys()) {
      if (this.streams.size <= this.capacity) break;
      this.streams.delete(oldest);
    }
  }
}
