import { LedgerError } from '@app/contracts';

/** A tile entry carries a 2-byte length (c2sp.org/tlog-tiles §Log entries): no leaf may be longer. */
export const MAX_ENTRY_SIZE = 0xffff;

/** A leaf that cannot be put in an entry bundle, or a bundle that does not decode. */
export class EntryBundleError extends LedgerError {
  declare readonly code: 'TLOG.ENTRY_TOO_LARGE' | 'TLOG.BUNDLE_MALFORMED';
  constructor(code: 'TLOG.ENTRY_TOO_LARGE' | 'TLOG.BUNDLE_MALFORMED', message: string) {
    super(code, message);
  }
}

/** True when a leaf fits a tile entry: the check to make before an event is appended. */
export function fitsEntry(leaf: Uint8Array): boolean {
  return leaf.length <= MAX_ENTRY_SIZE;
}

/** An entry bundle: each entry as a big-endian uint16 length then its bytes. Refuses a leaf over 65,535 bytes. */
export function encodeEntryBundle(entries: readonly Uint8Array[]): Buffer {
  const parts: Buffer[] = [];
  entries.forEach((entry, i) => {
    if (!fitsEntry(entry)) throw new EntryBundleError('TLOG.ENTRY_TOO_LARGE', `entry ${i} is ${entry.length} bytes, over ${MAX_ENTRY_SIZE}`);
    const length = Buffer.alloc(2);
    length.writeUInt16BE(entry.length);
    parts.push(length, Buffer.from(entry.buffer, entry.byteOffset, entry.byteLength));
  });
  return Buffer.concat(parts);
}

/** Splits an entry bundle back into its entries; refuses a truncated one. */
export function decodeEntryBundle(bundle: Buffer): Buffer[] {
  const entries: Buffer[] = [];
  let at = 0;
  while (at < bundle.length) {
    if (at + 2 > bundle.length) throw new EntryBundleError('TLOG.BUNDLE_MALFORMED', `length cut short at byte ${at}`);
    const length = bundle.readUInt16BE(at);
    if (at + 2 + length > bundle.length) throw new EntryBundleError('TLOG.BUNDLE_MALFORMED', `entry ${entries.length} cut short`);
    entries.push(bundle.subarray(at + 2, at + 2 + length));
    at += 2 + length;
  }
  return entries;
}
