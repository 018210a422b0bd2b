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
