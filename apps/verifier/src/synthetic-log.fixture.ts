import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generateNoteKey, leafHash, leafInput, MemoryHashStore, parseSignerKey, readTile, rootOfLeafHashes, signCheckpoint, TreeAppender, tilePath, tilesForSize } from '@app/ledger-crypto';

/** Made-up events of a log, their leaves, a signing key and files in a scratch directory: for the verifier's specs. */
export class SyntheticLog {
  readonly dir = mkdtempSync(join(tmpdir(), 'ledger-verify-'));
  readonly keys: { signerKey: string; verifierKey: string };
  readonly leaves: Buffer[];

  constructor(
    size: number,
    readonly origin = 'ledger.example/verify-spec',
  ) {
    this.keys = generateNoteKey(origin);
    this.leaves = Array.from({ length: size }, (_, i) =>
      leafInput({
        streamId: `credential-${i % 97}`,
        revision: Math.floor(i / 97),
        type: i % 3 === 0 ? 'CredentialIssued' : 'CredentialRevoked',
        data: { credentialId: `c-${i}`, note: i % 5 === 0 ? 'ünïcode ✓\nline' : 'plain' },
        metadata: { actor: 'provider:p1', channel: 'http', correlationId: `corr-${i}` },
      }),
    );
  }

  /** Writes a file in the scratch directory; returns its path. */
  write(name: string, content: string | Buffer): string {
    const path = join(this.dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    return path;
  }

  /** The export file of these lines, one per line, each ended by a newline. */
  writeExport(name = 'events.ndjson', lines: readonly Buffer[] = this.leaves): string {
    return this.write(name, Buffer.concat(lines.flatMap((line) => [line, Buffer.from('\n')])));
  }

  keyFile(name = 'key.txt', verifierKey = this.keys.verifierKey): string {
    return this.write(name, `${verifierKey}\n`);
  }

  /** The signed checkpoint of the first `size` of these leaves (or of other leaves: a forked log). */
  checkpointNote(size: number, leaves: readonly Buffer[] = this.leaves, signerKey = this.keys.signerKey): string {
    const root = rootOfLeafHashes(leaves.slice(0, size).map((leaf) => leafHash(leaf)));
    return signCheckpoint({ origin: this.origin, size, root }, [parseSignerKey(signerKey)]);
  }

  checkpointFile(size: number, name = `cp-${size}.txt`, leaves: readonly Buffer[] = this.leaves): string {
    return this.write(name, this.checkpointNote(size, leaves));
  }

  /** A tlog-tiles mirror of the tree of the first `size` leaves, as the ledger serves it under /v1/ledger/. */
  async tilesDir(size: number, name = `tiles-${size}`): Promise<string> {
    const store = new MemoryHashStore();
    const appender = TreeAppender.empty();
    for (const leaf of this.leaves.slice(0, size)) store.store(appender.append(leafHash(leaf)));
    for (const tile of tilesForSize(size)) this.write(join(name, tilePath(tile)), await readTile(store, tile));
    return join(this.dir, name);
  }
}

/** A copy of `lines` with one byte of line `k` changed. */
export function withByteChanged(lines: readonly Buffer[], k: number, at = 10): Buffer[] {
  return lines.map((line, i) => {
    if (i !== k) return line;
    const copy = Buffer.from(line);
    copy[at] ^= 0x01;
    return copy;
  });
}
