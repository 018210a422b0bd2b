import { HASH_SIZE } from './hashing';
import { NoteError, NoteSigner, NoteVerifier, openNote, OpenedNote, signNote } from './signed-note';

/** A log's tree head as c2sp.org/tlog-checkpoint writes it: origin, size, root hash, optional extension lines. */
export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly root: Buffer;
  readonly extensions?: readonly string[];
}

/** The checkpoint note text (tlog-checkpoint §Note text): one field a line, each line ending in a newline. */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  const { origin, size, root, extensions = [] } = checkpoint;
  const lines = [origin, String(size), root.toString('base64'), ...extensions];
  if (!validCheckpoint(checkpoint) || lines.some((line) => line.length === 0 || line.includes('\n'))) {
    throw new NoteError('NOTE.MALFORMED', 'malformed checkpoint');
  }
  return `${lines.join('\n')}\n`;
}

/** Parses a checkpoint note text; refuses a missing line, a size with leading zeroes or a root that is not 32 bytes of base64. */
export function parseCheckpoint(text: string): Checkpoint {
  const malformed = (): never => {
    throw new NoteError('NOTE.MALFORMED', 'malformed checkpoint');
  };
  if (!text.endsWith('\n')) return malformed();
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3 || lines.some((line) => line.length === 0)) return malformed();
  const [origin, size, root, ...extensions] = lines;
  if (!/^(0|[1-9][0-9]*)$/.test(size) || !Number.isSafeInteger(Number(size))) return malformed();
  const hash = Buffer.from(root, 'base64');
  if (hash.length !== HASH_SIZE || hash.toString('base64') !== root) return malformed();
  const checkpoint = { origin, size: Number(size), root: hash, extensions };
  return validCheckpoint(checkpoint) ? checkpoint : malformed();
}

/** Signs a checkpoint as a signed note; the log's key name should be its origin. */
export function signCheckpoint(checkpoint: Checkpoint, signers: readonly NoteSigner[]): string {
  return signNote(formatCheckpoint(checkpoint), signers);
}

/**
 * Opens a signed checkpoint: the note must verify (see `openNote`) and its origin must be
 * the one expected, so a checkpoint of another log under the same key is refused.
 */
export function openCheckpoint(note: string | Uint8Array, verifiers: readonly NoteVerifier[], origin: string): { checkpoint: Checkpoint; note: OpenedNote } {
  const opened = openNote(note, verifiers);
  const checkpoint = parseCheckpoint(opened.text);
  if (checkpoint.origin !== origin) throw new NoteError('NOTE.WRONG_ORIGIN', `checkpoint origin is not ${origin}`);
  return { checkpoint, note: opened };
}

function validCheckpoint({ origin, size, root }: Checkpoint): boolean {
  return origin.length > 0 && Number.isSafeInteger(size) && size >= 0 && root.length === HASH_SIZE;
}
