import { Checkpoint, firstDifference, NoteError, NoteVerifier, openCheckpoint, TileFetcher, tileHashReader, treeRoot } from '@app/ledger-crypto';
import { ExportTree, readExport } from './export-tree';

/** Stable codes of what the verifier found wrong. */
export type VerifyFailureCode =
  | 'VERIFY.BAD_SIGNATURE'
  | 'VERIFY.WRONG_ORIGIN'
  | 'VERIFY.MALFORMED_CHECKPOINT'
  | 'VERIFY.PREVIOUS_NEWER'
  | 'VERIFY.EXPORT_SHORT'
  | 'VERIFY.ROOT_MISMATCH'
  | 'VERIFY.PREVIOUS_MISMATCH'
  | 'VERIFY.CHECKPOINTS_INCONSISTENT'
  | 'VERIFY.TILES_MISMATCH';

export interface VerifyFailure {
  readonly code: VerifyFailureCode;
  readonly message: string;
}

/** A signed checkpoint file as read: the label names it in messages. */
export interface CheckpointFile {
  readonly label: string;
  readonly note: Buffer;
}

export interface VerifyInput {
  readonly exportPath: string;
  readonly checkpoint: CheckpointFile;
  readonly previous?: readonly CheckpointFile[];
  readonly verifier: NoteVerifier;
  /** The log's origin line; the key name by default (tlog-checkpoint: the key name should be the origin). */
  readonly origin?: string;
  /** The log's hash tiles, to name the first leaf of the export that differs from the signed tree. */
  readonly tiles?: TileFetcher;
}

export interface CheckpointSummary {
  readonly origin: string;
  readonly treeSize: number;
  readonly root: string;
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly checkpoint?: CheckpointSummary;
  /** The checkpoints given with --previous, and whether the export's root at their size equals theirs (null: the export is shorter). */
  readonly previous: (CheckpointSummary & { matches: boolean | null })[];
  readonly exportLines?: number;
  /** The root of the export's first treeSize lines, when it differs from the checkpoint's. */
  readonly exportRoot?: string;
  readonly failures: VerifyFailure[];
  /** The first leaf (0-based; line firstBadLeaf + 1) where the export departs from the signed log, when it can be named. */
  readonly firstBadLeaf?: number;
  /** Otherwise the leaves [from, to) the first departure lies in, as far as the checkpoints tell. */
  readonly firstBadLeafWithin?: { from: number; to: number };
  /** What was and was not checked, in words. */
  readonly notes: string[];
}

/**
 * Verifies an NDJSON export of the log against a signed checkpoint: the signature, the
 * root over the export's first treeSize lines, and the roots of earlier checkpoints at
 * their sizes (consistency). On a mismatch, names the first leaf that departs from the
 * signed tree using the log's tiles when given, else narrows it down between checkpoints.
 */
export async function verifyExport(input: VerifyInput): Promise<VerifyReport> {
  const origin = input.origin ?? input.verifier.name;
  const failures: VerifyFailure[] = [];
  const notes: string[] = [];
  const opened = openSigned(input.checkpoint, input.verifier, origin);
  if ('code' in opened) return { ok: false, previous: [], failures: [opened], notes };
  const cp = opened;
  const previous: Checkpoint[] = [];
  for (const file of input.previous ?? []) {
    const prev = openSigned(file, input.verifier, origin);
    if ('code' in prev) failures.push(prev);
    else if (prev.size > cp.size) failures.push({ code: 'VERIFY.PREVIOUS_NEWER', message: `${file.label} (size ${prev.size}) is newer than the checkpoint (size ${cp.size}): pass the older one as --previous` });
    else previous.push(prev);
  }
  if (failures.length > 0) return { ok: false, checkpoint: summary(cp), previous: [], failures, notes };

  const { tree, lines, roots } = await readExport(input.exportPath, cp.size, [cp.size, ...previous.map((p) => p.size)]);
  const exportRoot = roots.get(cp.size);
  const matches = (c: Checkpoint): boolean | null => (c.size > lines ? null : (roots.get(c.size) as Buffer).equals(c.root));
  const previousReport = previous.map((p) => ({ ...summary(p), matches: matches(p) }));
  if (lines > cp.size) notes.push(`the export has ${lines} lines; the checkpoint signs the first ${cp.size}, the other ${lines - cp.size} were not checked`);

  // Leaves [good, bad) hold the first departure: a matching root vouches for every leaf below its size.
  const matched: number[] = [];
  let bad = Infinity;
  if (lines < cp.size) {
    failures.push({ code: 'VERIFY.EXPORT_SHORT', message: `the export has ${lines} lines but the checkpoint signs ${cp.size} leaves: leaves ${lines} and on are missing` });
    bad = lines + 1;
  } else if (matches(cp)) {
    matched.push(cp.size);
  } else {
    failures.push({ code: 'VERIFY.ROOT_MISMATCH', message: `the root of the export's first ${cp.size} lines is ${exportRoot?.toString('base64')}, the checkpoint signs ${cp.root.toString('base64')}` });
    bad = cp.size;
  }
  for (const p of previous) {
    const m = matches(p);
    if (m === true) matched.push(p.size);
    if (m === false) {
      failures.push({ code: 'VERIFY.PREVIOUS_MISMATCH', message: `the export is not consistent with the earlier checkpoint of size ${p.size}: its root over the first ${p.size} lines is ${roots.get(p.size)?.toString('base64')}, that checkpoint signs ${p.root.toString('base64')}` });
      bad = Math.min(bad, p.size);
    }
  }
  const report = { checkpoint: summary(cp), previous: previousReport, exportLines: lines, ...(failures.some((f) => f.code === 'VERIFY.ROOT_MISMATCH') ? { exportRoot: exportRoot?.toString('base64') } : {}) };
  if (failures.length === 0) return { ok: true, ...report, failures, notes };
  const good = Math.max(0, ...matched.filter((size) => size < bad));
  const above = Math.max(...matched);
  if (above >= bad) {
    failures.push({ code: 'VERIFY.CHECKPOINTS_INCONSISTENT', message: `the export matches the signed checkpoint of size ${above} but not the one of size ${bad}: they cannot both belong to one append-only log (it was rewritten between them)` });
  }
  const departs = lines < cp.size || matches(cp) === false;
  const named = departs ? await nameFromTiles(input.tiles, tree, cp, lines, failures, notes) : undefined;
  if (named !== undefined) return { ok: false, ...report, failures, firstBadLeaf: named, notes };
  if (bad - good === 1) return { ok: false, ...report, failures, firstBadLeaf: good, notes };
  notes.push(`the first leaf that departs from what was signed is one of leaves ${good} to ${bad - 1} (export lines ${good + 1} to ${bad}); ${whyUnnamed(input.tiles !== undefined, !departs)}`);
  return { ok: false, ...report, failures, firstBadLeafWithin: { from: good, to: bad }, notes };
}

/**
 * The first leaf where the export departs from the tree the checkpoint signs, read from the
 * log's tiles once they are shown to hash to the checkpoint's root; undefined when unknown.
 * (Tiles are the signed tree's: they cannot tell where the export departs from an earlier, different tree.)
 */
async function nameFromTiles(tiles: TileFetcher | undefined, tree: ExportTree, cp: Checkpoint, lines: number, failures: VerifyFailure[], notes: string[]): Promise<number | undefined> {
  if (!tiles || cp.size === 0) return undefined;
  const signed = tileHashReader(cp.size, tiles);
  try {
    const root = await treeRoot(signed, cp.size);
    if (!root.equals(cp.root)) {
      failures.push({ code: 'VERIFY.TILES_MISMATCH', message: `the tiles hash to ${root.toString('base64')}, not to the checkpoint's root: the log serves tiles its own checkpoint does not sign` });
      return undefined;
    }
    const first = await firstDifference(tree, signed, Math.min(lines, cp.size));
    return first ?? lines;
  } catch (error) {
    notes.push(`the tiles could not be read (${(error as Error).message})`);
    return undefined;
  }
}

function whyUnnamed(hadTiles: boolean, signedTreeMatches: boolean): string {
  if (signedTreeMatches) return 'the export matches the latest checkpoint, so the log was rewritten after the earlier one was signed; only the earlier tree (its tiles or a copy of its export) can name the leaf';
  if (hadTiles) return 'the tiles did not name it (see above)';
  return 'pass --tiles <base URL or directory> to name it, or an earlier checkpoint with --previous to narrow it down';
}

function openSigned(file: CheckpointFile, verifier: NoteVerifier, origin: string): Checkpoint | VerifyFailure {
  try {
    return openCheckpoint(file.note, [verifier], origin).checkpoint;
  } catch (error) {
    if (!(error instanceof NoteError)) throw error;
    const key = `${verifier.name}+${verifier.keyId.toString(16).padStart(8, '0')}`;
    switch (error.code) {
      case 'NOTE.WRONG_ORIGIN':
        return { code: 'VERIFY.WRONG_ORIGIN', message: `${file.label} is signed for another log than ${origin} (pass --origin when the log's origin is not its key's name)` };
      case 'NOTE.UNVERIFIED':
        return { code: 'VERIFY.BAD_SIGNATURE', message: `${file.label} carries no signature by the key ${key}` };
      case 'NOTE.INVALID_SIGNATURE':
        return { code: 'VERIFY.BAD_SIGNATURE', message: `${file.label}'s signature by the key ${key} does not verify: the note was altered` };
      default:
        return { code: 'VERIFY.MALFORMED_CHECKPOINT', message: `${file.label} is not a signed checkpoint (${error.message})` };
    }
  }
}

function summary(cp: Checkpoint): CheckpointSummary {
  return { origin: cp.origin, treeSize: cp.size, root: cp.root.toString('base64') };
}
