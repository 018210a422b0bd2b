import { MAX_LEAF_BYTES } from '@app/ledger-crypto';

/**
 * Whether an event is far enough under the verifiable log's leaf limit to skip measuring its
 * canonical form (leafOverflow). That form writes the members JSON.stringify writes, with the
 * same escapes, in another order (leaf-bound.spec.ts holds it to that, undefined members
 * included); UTF-8 takes at most 3 bytes per UTF-16 unit, and 32 more cover the revision's
 * digits. Nearly every event is a few hundred bytes, and JSON.stringify costs a fraction of
 * the canonical measure.
 */
export function surelyFits(streamId: string, event: { type: string; data: unknown; metadata: object }): boolean {
  const units = JSON.stringify({ streamId, revision: 0, type: event.type, data: event.data, metadata: event.metadata }).length;
  return units * 3 + 32 <= MAX_LEAF_BYTES;
}
