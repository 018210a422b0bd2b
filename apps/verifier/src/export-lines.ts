import { createHash, Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** One line of an export: its leaf hash and the byte offset where it starts. */
export interface ExportLine {
  readonly hash: Buffer;
  readonly offset: number;
}

const LEAF_PREFIX = Buffer.from([0x00]);
const NEWLINE = 0x0a;

/**
 * Streams the RFC 9162 leaf hashes of an NDJSON export, one per line: line k is the exact
 * bytes of leaf k, ended by a newline (the last newline may be missing). Bytes are hashed as
 * they arrive, never decoded (a tampered byte may not be UTF-8) nor held: memory stays
 * constant however long a line or the file is. `start` is a line's byte offset, `maxLines` stops early.
 */
export async function* exportLines(path: string, options: { start?: number; maxLines?: number } = {}): AsyncGenerator<ExportLine> {
  const { start = 0, maxLines = Infinity } = options;
  if (maxLines <= 0) return;
  let hash: Hash | undefined;
  let lineStart = start;
  let at = start;
  let count = 0;
  for await (const chunk of createReadStream(path, { start, highWaterMark: 1 << 16 }) as AsyncIterable<Buffer>) {
    let from = 0;
    while (from < chunk.length) {
      hash ??= createHash('sha256').update(LEAF_PREFIX);
      const newline = chunk.indexOf(NEWLINE, from);
      if (newline === -1) {
        hash.update(chunk.subarray(from));
        at += chunk.length - from;
        break;
      }
      hash.update(chunk.subarray(from, newline));
      at += newline - from + 1;
      from = newline + 1;
      yield { hash: hash.digest(), offset: lineStart };
      hash = undefined;
      lineStart = at;
      if (++count >= maxLines) return;
    }
  }
  // A last line without its newline is still a line; a file ending in a newline has no empty line after it.
  if (hash) yield { hash: hash.digest(), offset: lineStart };
}
