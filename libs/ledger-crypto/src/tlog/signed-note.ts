import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, sign, verify } from 'node:crypto';
import { LedgerError } from '@app/contracts';

/** c2sp.org/signed-note signature type byte for Ed25519. */
const ED25519 = 0x01;
const EM_DASH = '\u2014';
/** The spec asks verifiers to accept at least 16; Go's x/mod/sumdb/note stops at 100. */
const MAX_SIGNATURES = 100;

export type NoteErrorCode = 'NOTE.MALFORMED' | 'NOTE.WRONG_ORIGIN' | 'NOTE.MALFORMED_KEY' | 'NOTE.UNVERIFIED' | 'NOTE.INVALID_SIGNATURE' | 'NOTE.AMBIGUOUS_KEY';

/** A note or key that cannot be accepted; `code` is stable, the message never holds key material. */
export class NoteError extends LedgerError {
  declare readonly code: NoteErrorCode;
  constructor(code: NoteErrorCode, message: string) {
    super(code, message);
  }
}

/** One signature line of a note. */
export interface NoteSignature {
  readonly name: string;
  /** The 4-byte key ID as an unsigned big-endian integer. */
  readonly keyId: number;
  /** The signature bytes after the key ID. */
  readonly signature: Buffer;
}

/** A public key that checks note signatures, as parsed from its verifier key text. */
export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  verify(text: Buffer, signature: Buffer): boolean;
}

/** A private key that signs notes under a key name. */
export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  sign(text: Buffer): Buffer;
}

/** A note whose signatures were checked: `verified` by known keys (at least one), `unverified` from unknown keys. */
export interface OpenedNote {
  readonly text: string;
  readonly verified: NoteSignature[];
  readonly unverified: NoteSignature[];
}

/** Key ID = SHA-256(key name || 0x0A || 0x01 || 32-byte Ed25519 public key)[:4] (signed-note §Ed25519 signatures). */
export function ed25519KeyId(name: string, publicKey: Buffer): number {
  return createHash('sha256').update(name).update('\n').update(Buffer.from([ED25519])).update(publicKey).digest().readUInt32BE(0);
}

/** The verifier key text `<name>+<hex key ID>+<base64(0x01 || public key)>` (signed-note §Verifier keys). */
export function formatVerifierKey(name: string, publicKey: Buffer | KeyObject): string {
  const raw = publicKey instanceof KeyObject ? rawPublicKey(publicKey) : publicKey;
  if (!validKeyName(name) || raw.length !== 32) throw new NoteError('NOTE.MALFORMED_KEY', 'an Ed25519 verifier key needs a valid name and a 32-byte public key');
  return `${name}+${hex8(ed25519KeyId(name, raw))}+${Buffer.concat([Buffer.from([ED25519]), raw]).toString('base64')}`;
}

/** Parses a verifier key text; refuses any other signature type, a wrong length or a key ID that does not match. */
export function parseVerifierKey(vkey: string): NoteVerifier {
  const refuse = (): never => {
    throw new NoteError('NOTE.MALFORMED_KEY', 'malformed verifier key');
  };
  const [name, id, key] = splitKey(vkey) ?? refuse();
  const bytes = strictBase64(key);
  if (!validKeyName(name) || !/^[0-9a-f]{8}$/.test(id) || !bytes || bytes.length !== 33 || bytes[0] !== ED25519) return refuse();
  const raw = bytes.subarray(1);
  const keyId = parseInt(id, 16);
  if (ed25519KeyId(name, raw) !== keyId) return refuse();
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
  } catch {
    return refuse();
  }
  return { name, keyId, verify: (text, signature) => signature.length === 64 && verify(null, text, publicKey, signature) };
}

/** A note signer from an Ed25519 private key. */
export function ed25519NoteSigner(name: string, privateKey: KeyObject): NoteSigner {
  if (!validKeyName(name)) throw new NoteError('NOTE.MALFORMED_KEY', 'invalid key name');
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519') throw new NoteError('NOTE.MALFORMED_KEY', 'not an Ed25519 private key');
  const keyId = ed25519KeyId(name, rawPublicKey(createPublicKey(privateKey)));
  return { name, keyId, sign: (text) => sign(null, text, privateKey) };
}

/** An Ed25519 private key from its 32-byte RFC 8032 seed. */
export function ed25519KeyFromSeed(seed: Buffer): KeyObject {
  if (seed.length !== 32) throw new NoteError('NOTE.MALFORMED_KEY', 'an Ed25519 seed is 32 bytes');
  // PKCS#8 wrapping of an Ed25519 seed (RFC 8410 §7): a fixed 16-byte header, then the seed.
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
}

/**
 * Parses a signer key in the text form of Go's golang.org/x/mod/sumdb/note
 * (`PRIVATE+KEY+<name>+<hex key ID>+base64(0x01 || 32-byte seed)`), so a key made by
 * Go tooling signs here and ours there. Refuses a key ID that does not match.
 */
export function parseSignerKey(skey: string): NoteSigner {
  const refuse = (): never => {
    throw new NoteError('NOTE.MALFORMED_KEY', 'malformed signer key');
  };
  if (!skey.startsWith('PRIVATE+KEY+')) return refuse();
  const [name, id, key] = splitKey(skey.slice('PRIVATE+KEY+'.length)) ?? refuse();
  const bytes = strictBase64(key);
  if (!validKeyName(name) || !/^[0-9a-f]{8}$/.test(id) || !bytes || bytes.length !== 33 || bytes[0] !== ED25519) return refuse();
  const signer = ed25519NoteSigner(name, ed25519KeyFromSeed(bytes.subarray(1)));
  return signer.keyId === parseInt(id, 16) ? signer : refuse();
}

/** A fresh Ed25519 note key: the signer key text (secret) and the verifier key text (public). */
export function generateNoteKey(name: string): { signerKey: string; verifierKey: string } {
  if (!validKeyName(name)) throw new NoteError('NOTE.MALFORMED_KEY', 'invalid key name');
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const seed = Buffer.from(privateKey.export({ format: 'jwk' }).d ?? '', 'base64url');
  const raw = rawPublicKey(publicKey);
  const signerKey = `PRIVATE+KEY+${name}+${hex8(ed25519KeyId(name, raw))}+${Buffer.concat([Buffer.from([ED25519]), seed]).toString('base64')}`;
  return { signerKey, verifierKey: formatVerifierKey(name, raw) };
}

/**
 * Signs a note text (it must end in a newline and hold no control characters but newlines):
 * the text, a blank line, then one `— <name> base64(key ID || signature)` line per signer.
 */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  if (!validText(text)) throw new NoteError('NOTE.MALFORMED', 'a note text ends in a newline and holds no other control characters');
  if (signers.length === 0) throw new NoteError('NOTE.MALFORMED', 'a note needs at least one signature');
  const bytes = Buffer.from(text, 'utf8');
  const lines = signers.map((signer) => {
    if (!validKeyName(signer.name)) throw new NoteError('NOTE.MALFORMED_KEY', 'invalid key name');
    return signatureLine({ name: signer.name, keyId: signer.keyId, signature: signer.sign(bytes) });
  });
  return `${text}\n${lines.join('')}`;
}

/** The text form of one signature line, newline included. */
export function signatureLine(sig: NoteSignature): string {
  const id = Buffer.alloc(4);
  id.writeUInt32BE(sig.keyId);
  return `${EM_DASH} ${sig.name} ${Buffer.concat([id, sig.signature]).toString('base64')}\n`;
}

/** Splits a signed note into its text and signature lines without checking signatures; refuses a malformed note. */
export function parseNote(note: string | Uint8Array): { text: string; signatures: NoteSignature[] } {
  const malformed = (): never => {
    throw new NoteError('NOTE.MALFORMED', 'malformed note');
  };
  const message = typeof note === 'string' ? note : decodeUtf8(note);
  if (message === undefined || /[\u0000-\u0009\u000b-\u001f]/.test(message)) return malformed();
  // The text ends at the last blank line; it keeps its final newline.
  const split = message.lastIndexOf('\n\n');
  if (split < 0 || !message.endsWith('\n')) return malformed();
  const text = message.slice(0, split + 1);
  const lines = message.slice(split + 2, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) return malformed();
  const signatures = lines.map((line) => {
    const match = /^\u2014 ([^\s+]+) ([A-Za-z0-9+/=]+)$/u.exec(line);
    const bytes = match ? strictBase64(match[2]) : undefined;
    if (!match || !validKeyName(match[1]) || !bytes || bytes.length < 5) return malformed();
    return { name: match[1], keyId: bytes.readUInt32BE(0), signature: bytes.subarray(4) };
  });
  return { text, signatures };
}

/**
 * Opens a signed note (signed-note §Signatures): signatures from unknown keys are set aside,
 * every signature from a known key must verify, and at least one must. Throws NoteError otherwise.
 */
export function openNote(note: string | Uint8Array, verifiers: readonly NoteVerifier[]): OpenedNote {
  const { text, signatures } = parseNote(note);
  const bytes = Buffer.from(text, 'utf8');
  const verified: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  const seen = new Set<string>();
  for (const sig of signatures) {
    const matching = verifiers.filter((v) => v.name === sig.name && v.keyId === sig.keyId);
    if (matching.length > 1) throw new NoteError('NOTE.AMBIGUOUS_KEY', `ambiguous key ${sig.name}+${hex8(sig.keyId)}`);
    const key = `${sig.name}+${hex8(sig.keyId)}+${sig.signature.toString('base64')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (matching.length === 0) {
      unverified.push(sig);
      continue;
    }
    if (!matching[0].verify(bytes, sig.signature)) throw new NoteError('NOTE.INVALID_SIGNATURE', `invalid signature for key ${sig.name}+${hex8(sig.keyId)}`);
    verified.push(sig);
  }
  if (verified.length === 0) throw new NoteError('NOTE.UNVERIFIED', 'note has no verifiable signatures');
  return { text, verified, unverified };
}

/** `<name>+<hex id>+<base64>`: names hold no plus sign, base64 may. */
function splitKey(text: string): [string, string, string] | undefined {
  const first = text.indexOf('+');
  const second = text.indexOf('+', first + 1);
  if (first < 0 || second < 0) return undefined;
  return [text.slice(0, first), text.slice(first + 1, second), text.slice(second + 1)];
}

function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new NoteError('NOTE.MALFORMED_KEY', 'not an Ed25519 key');
  return Buffer.from(jwk.x, 'base64url');
}

/** Key names are non-empty, without Unicode spaces or plus signs (and, being note text, without control characters). */
function validKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+\u0000-\u001f]/u.test(name);
}

/** Ends in a newline, no control characters but newlines, and no lone surrogate (it would not survive UTF-8). */
function validText(text: string): boolean {
  return text.endsWith('\n') && !/[\u0000-\u0009\u000b-\u001f]/.test(text) && Buffer.from(text, 'utf8').toString('utf8') === text;
}

/** Standard base64, padded, and canonical: it must re-encode to the same text. */
function strictBase64(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function hex8(id: number): string {
  return id.toString(16).padStart(8, '0');
}
