import { createPublicKey } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { InvalidConfigurationError } from '@app/platform';
import { ed25519KeyFromSeed, formatVerifierKey, generateNoteKey, NoteSigner, parseSignerKey, readOrCreateSecretFile } from '@app/ledger-crypto';

/** The ledger's checkpoint signing key and what verifiers need of it. */
export interface NoteKey {
  readonly signer: NoteSigner;
  /** `<name>+<hex id>+<base64 key>`: what GET /v1/ledger/key serves. */
  readonly verifierKey: string;
  /** The checkpoints' first line. */
  readonly origin: string;
}

export const NOTE_KEY_FILE = 'ledger-note.key';

/** `credential-ledger.local/<hostname>`: only for a key created here, whose name then stays the origin. */
export function defaultOrigin(): string {
  const host = hostname().toLowerCase().replace(/[^a-z0-9.-]/g, '-') || 'localhost';
  return `credential-ledger.local/${host}`;
}

/**
 * LEDGER_NOTE_KEY when given, else `$DATA_DIR/ledger-note.key` (created once, 0600, named after
 * LEDGER_ORIGIN or the default origin). The origin is LEDGER_ORIGIN or else the key's name, so
 * it does not change when the host is renamed: a log's origin must stay the same for life.
 */
export function loadNoteKey(options: { noteKey?: string; origin?: string; dataDir: string }): NoteKey {
  const text = options.noteKey ?? readOrCreateSecretFile(join(options.dataDir, NOTE_KEY_FILE), () => generateNoteKey(options.origin ?? defaultOrigin()).signerKey).value;
  let signer: NoteSigner;
  try {
    signer = parseSignerKey(text);
  } catch {
    // Names where the key came from, never the key itself.
    const from = options.noteKey !== undefined ? 'LEDGER_NOTE_KEY' : join(options.dataDir, NOTE_KEY_FILE);
    throw new InvalidConfigurationError(`invalid configuration:\n  ${from}: not a signed-note Ed25519 signer key (PRIVATE+KEY+<name>+<hex key id>+<base64>) whose key id matches`);
  }
  // parseSignerKey checked the text: the seed is the base64 after the fourth '+', less its type byte.
  const seed = Buffer.from(text.split('+').slice(4).join('+'), 'base64').subarray(1);
  const verifierKey = formatVerifierKey(signer.name, createPublicKey(ed25519KeyFromSeed(seed)));
  return { signer, verifierKey, origin: options.origin ?? signer.name };
}
