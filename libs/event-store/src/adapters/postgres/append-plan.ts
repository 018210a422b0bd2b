import { AnyEvent } from '@app/contracts';
import { EventIdReusedError, WrongExpectedRevisionError } from '../../event-store.errors';
import { AppendRequest, AppendResult } from '../../event-store.port';
import { assertSameRequest } from '../../idempotency';

/** An event id already stored, or written earlier in the same call (then `row` points at its new row). */
export interface KnownEvent {
  streamId: string;
  revision: number;
  type: string;
  fingerprint: string | null;
  position?: number;
  row?: number;
}

export interface NewRow {
  streamId: string;
  revision: number;
  eventId: string;
  type: string;
  data: unknown;
  metadata: unknown;
}

/** A result whose positions may still name rows about to be inserted (`{ row }`). */
export type PlannedOutcome =
  | { ok: true; result: Omit<AppendResult, 'positions'> & { positions: (number | { row: number })[] } }
  | { ok: false; error: Error };

/**
 * Decides every request of one call against what the store holds (`heads`: last revision per
 * stream; `known`: stored events by id), in order, each seeing the ones before it, exactly as
 * the SQLite adapter judges them inside its transaction. Pure: the adapter runs it while holding
 * the append lock, then inserts `rows` in one statement.
 */
export function planAppends(
  requests: AppendRequest<AnyEvent>[],
  heads: Map<string, number>,
  known: Map<string, KnownEvent>,
): { outcomes: PlannedOutcome[]; rows: NewRow[] } {
  const rows: NewRow[] = [];
  const outcomes = requests.map((request): PlannedOutcome => {
    try {
      return { ok: true, result: planOne(request, heads, known, rows) };
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError || error instanceof EventIdReusedError) return { ok: false, error };
      throw error;
    }
  });
  return { outcomes, rows };
}

function planOne({ streamId, events, expectedRevision }: AppendRequest<AnyEvent>, heads: Map<string, number>, known: Map<string, KnownEvent>, rows: NewRow[]) {
  const current = heads.get(streamId) ?? -1;
  const eventIds = events.map((e) => e.metadata.eventId);
  const found = eventIds.map((id) => known.get(id));
  if (found.some((f) => f !== undefined)) {
    // Same events already in this stream: the earlier result. Some, elsewhere: an error.
    const bad = found.findIndex((f) => f === undefined || f.streamId !== streamId);
    if (bad >= 0) throw new EventIdReusedError(eventIds[found[bad] ? bad : found.findIndex((f) => f !== undefined)]);
    const hits = found as KnownEvent[];
    hits.forEach((h, k) => assertSameRequest({ eventId: eventIds[k], type: h.type, requestFingerprint: h.fingerprint }, events[k]));
    return {
      streamId, nextRevision: current, revisions: hits.map((h) => h.revision), duplicate: true,
      positions: hits.map((h) => (h.position !== undefined ? h.position : { row: h.row! })),
    };
  }
  if (new Set(eventIds).size !== eventIds.length) throw new EventIdReusedError(eventIds.find((id, k) => eventIds.indexOf(id) !== k)!);
  if (expectedRevision === 'no-stream' ? current !== -1 : typeof expectedRevision === 'number' && current !== expectedRevision) {
    throw new WrongExpectedRevisionError(streamId, expectedRevision, current);
  }
  const revisions: number[] = [];
  const positions: { row: number }[] = [];
  let revision = current;
  for (const e of events) {
    revision += 1;
    const row = rows.length;
    rows.push({ streamId, revision, eventId: e.metadata.eventId, type: e.type, data: e.data, metadata: e.metadata });
    known.set(e.metadata.eventId, { streamId, revision, type: e.type, fingerprint: e.metadata.requestFingerprint ?? null, row });
    revisions.push(revision);
    positions.push({ row });
  }
  heads.set(streamId, revision);
  return { streamId, nextRevision: revision, revisions, positions, duplicate: false };
}

/** The planned result with the positions the insert assigned. */
export function settle(outcome: PlannedOutcome, positions: number[]): { ok: true; result: AppendResult } | { ok: false; error: Error } {
  if (!outcome.ok) return outcome;
  return { ok: true, result: { ...outcome.result, positions: outcome.result.positions.map((p) => (typeof p === 'number' ? p : positions[p.row])) } };
}
