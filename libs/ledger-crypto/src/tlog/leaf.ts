import { canonicalize } from 'json-canonicalize';

/** An event as the log stores it: the body exactly as appended (never an upcast view of it). */
export interface LeafEvent {
  streamId: string;
  revision: number;
  type: string;
  data: unknown;
  metadata: object;
}

/** A tlog-tiles entry carries a 2-byte length: no leaf may be longer. */
export const MAX_LEAF_BYTES = 65_535;

/**
 * The leaf input of the verifiable log for one event: the RFC 8785 canonical JSON of its
 * stream, revision, type, body and metadata, UTF-8. Leaf i is the i-th event of the global log
 * counting from 0; the global position is left out because it is an engine's address
 * (contiguous on SQLite, byte offsets on EventStoreDB), while the leaf index is the same on all.
 */
export function leafInput(event: LeafEvent): Buffer {
  const { streamId, revision, type, data, metadata } = event;
  return Buffer.from(canonicalize({ streamId, revision, type, data, metadata }), 'utf8');
}
