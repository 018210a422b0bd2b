import { randomUUID } from 'node:crypto';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AccessEvent, Actor, buildMetadata, LearnerRecordAccessed, LedgerError, Streams } from '@app/contracts';
import { AppendRequest, EVENT_STORE, EventStore } from '@app/event-store';

/** One read of one learner's data, waiting to be written. */
export interface AccessEntry extends LearnerRecordAccessed {
  actor: Actor;
  correlationId: string;
}

/** How often the buffer is written, and how many entries make it write at once. */
export const FLUSH_INTERVAL_MS = 100;
export const FLUSH_AT = 256;
/** Past this many unwritten entries (the event store is failing), audited reads are refused (503) rather than left untraced. */
export const MAX_PENDING = 10_000;

/**
 * The access audit's write side, off the read path: a read adds its entries to a small buffer
 * and answers at once; the buffer is written as `LearnerRecordAccessed` events (stream
 * `access-{learnerId}`) with one appendMany every FLUSH_INTERVAL_MS or FLUSH_AT entries, and
 * once more when the app shuts down. A crash (kill -9) loses at most the entries of the last
 * interval; a failing event store keeps them and retries, and once MAX_PENDING wait, audited
 * reads are refused until they are written, so no read goes unrecorded for long.
 */
@Injectable()
export class AccessJournal implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('AccessAudit');
  private pending: AccessEntry[] = [];
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;

  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  /** Refuses (503) while too many entries wait for a failing store: checked before a read is served. */
  assertAccepting(): void {
    if (this.pending.length >= MAX_PENDING) throw new LedgerError('ACCESS_AUDIT.UNAVAILABLE', 'reads of learner data cannot be recorded for now; nothing was read, retry later', true);
  }

  record(entries: AccessEntry[]): void {
    if (entries.length === 0) return;
    this.pending.push(...entries);
    if (this.pending.length >= FLUSH_AT) void this.flush();
  }

  /** Writes what is buffered (one flush at a time; a call during a flush waits for it, then writes what came since). */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.flushing = this.write(batch).finally(() => (this.flushing = undefined));
    await this.flushing;
  }

  private async write(batch: AccessEntry[]): Promise<void> {
    const requests = appendRequests(batch, new Date().toISOString());
    let failed: AccessEntry[] = [];
    try {
      const outcomes = await this.events.appendMany(requests.map((r) => r.request));
      outcomes.forEach((o, i) => {
        if (!o.ok) failed.push(...requests[i].entries);
      });
    } catch (error) {
      this.logger.error({ entries: batch.length, error: (error as Error).message }, 'access audit entries could not be written; kept for the next flush');
      failed = batch;
    }
    // Kept in front, in their order: they are retried first at the next interval.
    if (failed.length > 0) this.pending = [...failed, ...this.pending];
  }

  /** Entries not yet written (for health and tests). */
  get pendingCount(): number {
    return this.pending.length;
  }
}

/** One append request per learner stream, in the order the reads came. */
export function appendRequests(batch: AccessEntry[], now: string): { request: AppendRequest<AccessEvent>; entries: AccessEntry[] }[] {
  const byStream = new Map<string, { request: AppendRequest<AccessEvent>; entries: AccessEntry[] }>();
  for (const entry of batch) {
    const { actor, correlationId, ...data } = entry;
    const streamId = Streams.access(entry.learnerId);
    let group = byStream.get(streamId);
    if (!group) byStream.set(streamId, (group = { request: { streamId, expectedRevision: 'any', events: [] }, entries: [] }));
    const metadata = buildMetadata({ actor, channel: 'http', correlationId, now }, { eventId: randomUUID(), occurredAt: entry.accessedAt });
    group.request.events.push({ type: 'LearnerRecordAccessed', data, metadata });
    group.entries.push(entry);
  }
  return [...byStream.values()];
}
