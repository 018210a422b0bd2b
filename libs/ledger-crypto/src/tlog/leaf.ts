import { canonicalJson } from '../canonical-json';

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
  return Buffer.from(canonicalJson({ streamId, revision, type, data, metadata }), 'utf8');
}

/**
 * When an event about to be appended would make a leaf over MAX_LEAF_BYTES: its size and
 * the top-level field of its body that weighs most (what a 400 names). Measured with the
 * largest revision a stream can reach, so the check never passes an event the log cannot take.
 */
export function leafOverflow(event: Omit<LeafEvent, 'revision'>): { bytes: number; field: string | undefined } | undefined {
  const bytes = leafInput({ ...event, revision: Number.MAX_SAFE_INTEGER }).length;
  if (bytes <= MAX_LEAF_BYTES) return undefined;
  // Down the heaviest member while it is an object: `spec.learningOutcomes` rather than `spec`.
  const path: string[] = [];
  let node: unknown = event.data;
  while (node !== null && typeof node === 'object' && !Array.isArray(node)) {
    let heaviest: [string, unknown] | undefined;
    let most = -1;
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      const size = Buffer.byteLength(canonicalJson(value ?? null), 'utf8');
      if (size > most) [heaviest, most] = [[key, value], size];
    }
    if (!heaviest) break;
    path.push(heaviest[0]);
    node = heaviest[1];
  }
  const field = path.length > 0 ? path.join('.') : undefined;
  return { bytes, field };
}
