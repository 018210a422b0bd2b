import { RecordedEvent } from '@app/contracts';

export type LogReader = (after: number, max: number) => Promise<RecordedEvent[]>;

/**
 * The last events read from the global log, shared by the subscriptions of one store: the
 * projection groups of a process follow the same appends a few batches apart, and without it
 * each group reads and parses every event again (on SQLite, the ten groups of a ledger spent
 * more time in JSON.parse of the same rows than the append itself).
 *
 * Sound only for a reader whose answer to (after, max) is the log's next events after
 * `after`, in order and final (SQLite commits one writer at a time, so every read is a prefix
 * of the log). The window then holds exactly the events in (after, last], and a read it
 * covers is answered from it. The events are shared objects: a handler must not mutate them.
 */
export class LogWindow {
  private events: RecordedEvent[] = [];
  /** The window holds every event with a position in (after, last event's position]. */
  private after = 0;

  constructor(
    private readonly read: LogReader,
    private readonly capacity: number,
  ) {}

  async readAfter(after: number, max: number): Promise<RecordedEvent[]> {
    const last = this.lastPosition();
    if (this.events.length === 0 || after < this.after || after > last) {
      const fresh = await this.read(after, max);
      if (fresh.length > 0 && (this.events.length === 0 || after > this.lastPosition())) this.reset(after, fresh);
      return fresh;
    }
    const from = this.firstAbove(after);
    const cached = this.events.slice(from, from + max);
    if (cached.length === max) return cached;
    const more = await this.read(last, max - cached.length);
    // Another reader may have moved the window meanwhile: extend it only from where it still ends.
    if (more.length > 0 && this.lastPosition() === last && this.events.length > 0) this.extend(more);
    return cached.length === 0 ? more : cached.concat(more);
  }

  private lastPosition(): number {
    return this.events.length > 0 ? this.events[this.events.length - 1].position : this.after;
  }

  private reset(after: number, events: RecordedEvent[]): void {
    this.after = after;
    this.events = events.slice();
  }

  private extend(more: RecordedEvent[]): void {
    for (const e of more) this.events.push(e);
    // Trimmed in steps, not per read: dropping from the front copies the array.
    if (this.events.length > this.capacity * 1.5) {
      const drop = this.events.length - this.capacity;
      this.after = this.events[drop - 1].position;
      this.events = this.events.slice(drop);
    }
  }

  /** Index of the first event with a position above `after` (binary search). */
  private firstAbove(after: number): number {
    let lo = 0;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.events[mid].position <= after) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
