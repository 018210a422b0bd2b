import {
  ANY, AllStreamResolvedEvent, AppendExpectedRevision, CurrentRevision, ErrorType, JSONType, NO_STREAM, ResolvedEvent,
  isCommandError,
} from '@eventstore/db-client';
import { AnyEvent, EventMetadata, fromStorage, LedgerError, NewEvent, RecordedEvent } from '@app/contracts';
import { EventIdReusedError, EventStoreUnavailableError, WrongExpectedRevisionError } from '../../event-store.errors';
import { AppendResult, ExpectedRevision } from '../../event-store.port';
import { assertSameRequest } from '../../idempotency';

/** Our expected revision in the client's terms; -1 is the same promise as 'no-stream'. */
export function toVendorRevision(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'any') return ANY;
  if (expected === 'no-stream') return NO_STREAM;
  if (!Number.isSafeInteger(expected) || expected < -1) throw new RangeError(`expected revision must be 'any', 'no-stream' or an integer >= -1, got ${expected}`);
  return expected === -1 ? NO_STREAM : BigInt(expected);
}

/** The client's current revision as ours: -1 when the stream does not exist. */
export function fromVendorRevision(current: CurrentRevision | AppendExpectedRevision): number {
  return typeof current === 'bigint' ? Number(current) : -1;
}

/**
 * The 6.x client parses only esdb:// and esdb+discover://; KurrentDB is the same server
 * under a new name, so its schemes are rewritten, discovery and settings unchanged.
 */
export function toClientConnectionString(url: string): string {
  return url.trim().replace(/^(?:kurrentdb|kurrent)(\+discover)?:\/\//i, (_all, discover: string | undefined) => `esdb${discover ?? ''}://`);
}

// Failures that pass once the node is reachable again or a new leader is elected.
const TRANSIENT = new Set<string>([
  ErrorType.UNAVAILABLE, ErrorType.DEADLINE_EXCEEDED, ErrorType.TIMEOUT, ErrorType.NOT_LEADER, ErrorType.CANCELLED,
]);

/**
 * A vendor error in our terms: a version conflict becomes WrongExpectedRevisionError, an
 * unreachable cluster the retriable EventStoreUnavailableError; anything else is returned
 * unchanged so nothing is hidden.
 */
export function translateError(error: unknown, append?: { streamId: string; expected: ExpectedRevision }): unknown {
  // Not instanceof Error: a socket error raised by Node itself may come from another realm under jest.
  if (typeof error !== 'object' || error === null) return error;
  if (error instanceof Error && isCommandError(error)) {
    if (error.type === ErrorType.WRONG_EXPECTED_VERSION && append) {
      return new WrongExpectedRevisionError(append.streamId, append.expected, fromVendorRevision(error.actualVersion));
    }
    if (TRANSIENT.has(error.type)) return new EventStoreUnavailableError(`event store unavailable (${error.type}): ${error.message}`);
    return error;
  }
  // Gossip discovery gives up with a plain Error when no node of the cluster answers.
  const message = (error as { message?: unknown }).message;
  if (typeof message === 'string' && /^Failed to discover after \d+ attempts/.test(message)) return new EventStoreUnavailableError(`event store unavailable: ${message}`);
  return error;
}

/** True for the stream-not-found a read of a missing stream ends with. */
export function isStreamNotFound(error: unknown): boolean {
  return error instanceof Error && isCommandError(error) && error.type === ErrorType.STREAM_NOT_FOUND;
}

/** Server bookkeeping ($stats, $$metadata, $> links, tombstones), never ledger events. */
export function isSystemEvent(streamId: string, type: string): boolean {
  return streamId.startsWith('$') || type.startsWith('$');
}

/**
 * A commit position as our global position. Safe as a JS number: it is a byte offset in
 * the server's transaction log, so 2^53 would take 9 PB of log. Every event appended over
 * gRPC has its own commit position (equal to its prepare position), which is what makes
 * it usable alone as a strictly increasing position.
 */
export function toPosition(commit: bigint): number {
  if (commit > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`commit position ${commit} exceeds 2^53`);
  return Number(commit);
}

/** Event data as the client's JSON payload; the ledger's events are always objects. */
export function toJsonData(data: unknown): JSONType {
  if (typeof data === 'string' || (typeof data === 'object' && data !== null)) return data as JSONType;
  throw new TypeError(`event data must be a JSON object, array or string, got ${data === null ? 'null' : typeof data}`);
}

/** A stored event in our shape, or undefined for an unresolved link. */
/** `stored`: the body as appended, not passed through the upcasters (what the verifiable log hashes). */
export function toRecorded(resolved: ResolvedEvent | AllStreamResolvedEvent, stored = false): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event) return undefined;
  const commit = event.position?.commit ?? resolved.commitPosition;
  if (commit === undefined) throw new LedgerError('EVENT_STORE.NO_POSITION', `event ${event.id} came without a position (server older than 22.6?)`);
  return {
    streamId: event.streamId,
    revision: Number(event.revision),
    position: toPosition(commit),
    ...(stored
      ? ({ type: event.type, data: event.isJson ? event.data : decodeJson(event.data) } as ReturnType<typeof fromStorage>)
      : fromStorage(event.type, event.isJson ? event.data : decodeJson(event.data))),
    metadata: decodeJson(event.metadata) as EventMetadata,
  };
}

/** JSON bytes as a value; other bytes (a foreign binary event) stay as they are. */
function decodeJson(value: unknown): unknown {
  if (!(value instanceof Uint8Array)) return value;
  try {
    return JSON.parse(Buffer.from(value).toString('utf8'));
  } catch {
    return value;
  }
}

/**
 * The port's idempotency, judged on the stream's latest events (newest first): all ids
 * there → the earlier result, marked duplicate; none → undefined (append); some → the ids
 * are being reused with new ones, which is refused.
 */
export function findDuplicate(streamId: string, incoming: NewEvent<AnyEvent>[], tail: RecordedEvent<AnyEvent>[]): AppendResult | undefined {
  if (incoming.length === 0) return undefined;
  const eventIds = incoming.map((e) => e.metadata.eventId);
  const stored = new Map(tail.map((e) => [e.metadata.eventId?.toLowerCase(), e]));
  const hits = eventIds.map((id) => stored.get(id.toLowerCase()));
  const found = hits.findIndex((h) => h !== undefined);
  if (found < 0) return undefined;
  if (hits.some((h) => h === undefined)) throw new EventIdReusedError(eventIds[found]);
  const events = hits as RecordedEvent<AnyEvent>[];
  events.forEach((e, k) => assertSameRequest({ eventId: eventIds[k], type: e.type, requestFingerprint: e.metadata.requestFingerprint }, incoming[k]));
  return {
    streamId,
    nextRevision: Math.max(...tail.map((e) => e.revision)),
    positions: events.map((e) => e.position),
    revisions: events.map((e) => e.revision),
    duplicate: true,
  };
}
