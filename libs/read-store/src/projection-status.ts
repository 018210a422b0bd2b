/** One projection of a group, as `/health`, `/v1/projections` and `/metrics` show it. */
export interface ProjectionStatus {
  name: string;
  checkpoint: number;
  parked: number;
  lastParked?: { position: number; type: string; error: string; at: string };
}

/**
 * - `starting`: checkpoints not read yet;
 * - `catching-up`: behind the log head and moving;
 * - `live`: at the head;
 * - `stuck`: failing repeatedly, or not moving while the head is ahead.
 */
export type RunnerState = 'starting' | 'catching-up' | 'live' | 'stuck';

/** A group of projections fed by one subscription. Holds no event data, only positions and error messages. */
export interface RunnerStatus {
  group: string;
  state: RunnerState;
  position: number;
  head: number;
  /** Head minus position: events on SQLite, log bytes on EventStoreDB. */
  lag: number;
  /** Replaying a backlog for a while (not just following live appends): health reads degraded. */
  behind: boolean;
  /** Consecutive failed attempts at the current batch (0 when the last one succeeded). */
  failures: number;
  lastError?: { message: string; at: string };
  projections: ProjectionStatus[];
}

/** An error's name and message, cut short: enough to diagnose, never a dump of the event. */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > 500 ? `${text.slice(0, 497)}...` : text;
}

/** What the registry asks of a group: its name and where it stands against the log head. */
export interface StatusSource {
  readonly group: string;
  status(head: number, now?: number): RunnerStatus;
}

export interface ProgressOptions {
  /** Consecutive failed attempts after which the group counts as stuck. */
  failuresUntilStuck?: number;
  /** How long the group may stay at one position while the head is ahead before it counts as stuck. */
  stuckAfterMs?: number;
  /** How long a backlog (full batches one after another) must last before the group reads as behind. */
  behindAfterMs?: number;
}

/**
 * Where a group that follows the log stands: its position, its failures and whether it is
 * replaying a backlog. The projection runner and the verifiable log's tree keep one each, so
 * both read the same way in `/health`, `/metrics` and `/v1/projections`.
 */
export class GroupProgress {
  started = false;
  position = 0;
  failures = 0;
  lastError?: { message: string; at: string };
  private observed?: { position: number; since: number };
  /** Since when every batch came full: the group is replaying a backlog rather than following appends. */
  private backlogSince?: number;

  constructor(
    readonly group: string,
    private readonly options: ProgressOptions = {},
  ) {}

  /** A batch failed; the subscription retries it (attempt counts from 1). */
  failed(error: unknown, attempt: number): void {
    this.failures = attempt;
    this.lastError = { message: describeError(error), at: new Date().toISOString() };
  }

  /** A batch committed up to `position`; `full`: it was as large as a read could be, so more is waiting. */
  applied(position: number, full: boolean): void {
    this.position = position;
    this.failures = 0;
    if (!full) this.backlogSince = undefined;
    else this.backlogSince ??= Date.now();
  }

  status(head: number, projections: ProjectionStatus[], now = Date.now()): RunnerStatus {
    const lag = Math.max(0, head - this.position);
    if (lag === 0) this.observed = undefined;
    else if (this.observed?.position !== this.position) this.observed = { position: this.position, since: now };
    const stalled = this.observed !== undefined && now - this.observed.since > (this.options.stuckAfterMs ?? 60_000);
    const stuck = this.failures >= (this.options.failuresUntilStuck ?? 3) || stalled;
    // Time, not lag, decides "behind": positions are byte offsets on some engines (EventStoreDB),
    // and a short lag while following live appends is normal.
    const behind = lag > 0 && this.backlogSince !== undefined && now - this.backlogSince > (this.options.behindAfterMs ?? 2000);
    return {
      group: this.group,
      state: !this.started ? 'starting' : stuck ? 'stuck' : lag > 0 ? 'catching-up' : 'live',
      position: this.position,
      head,
      lag,
      behind,
      failures: this.failures,
      ...(this.lastError && { lastError: this.lastError }),
      projections,
    };
  }
}
