import { generateKeyPairSync } from 'node:crypto';
import {
  ed25519NoteSigner,
  formatVerifierKey,
  generateNoteKey,
  NoteError,
  NoteErrorCode,
  openNote,
  parseNote,
  parseSignerKey,
  parseVerifierKey,
  signatureLine,
  signNote,
} from './signed-note';
import vectors from './testdata/signed-notes.json';

function codeOf(run: () => unknown): NoteErrorCode | 'none' {
  try {
    run();
    return 'none';
  } catch (error) {
    if (error instanceof NoteError) return error.code;
    throw error;
  }
}

describe('the C2SP signed-note examples (c2sp.org/signed-note)', () => {
  const { vkey, note, unknownKeyNote } = vectors.c2spSignedNote;

  it('verifies the published note with the published verifier key', () => {
    const opened = openNote(note, [parseVerifierKey(vkey)]);
    expect(opened.text).toBe('This is an example message.\n');
    expect(opened.verified).toHaveLength(1);
    expect(opened.verified[0].keyId.toString(16)).toBe('530d903a');
  });

  it('writes the published note back byte for byte, and its verifier key too', () => {
    const { text, signatures } = parseNote(note);
    expect(`${text}\n${signatures.map(signatureLine).join('')}`).toBe(note);
    const verifier = parseVerifierKey(vkey);
    const raw = Buffer.from(vkey.split('+')[2], 'base64').subarray(1);
    expect(formatVerifierKey(verifier.name, raw)).toBe(vkey);
  });

  it('keeps the empty lines of a note text and sets aside the signature of an unknown key', () => {
    const { text, signatures } = parseNote(unknownKeyNote);
    expect(text).toBe('Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned è subito sera.\n');
    expect(signatures[0].name).toBe('quasimodo.example/salvatore');
    expect(codeOf(() => openNote(unknownKeyNote, [parseVerifierKey(vkey)]))).toBe('NOTE.UNVERIFIED');
  });
});

describe('the golang.org/x/mod/sumdb/note vectors', () => {
  const go = vectors.goNote;
  const peter = parseVerifierKey(go.peterKey);
  const enoch = parseVerifierKey(go.enochKey);
  const signed = `${go.text}\n${go.peterSig}`;

  it('signs to exactly the published signed note (Ed25519 is deterministic)', () => {
    expect(signNote(go.text, [parseSignerKey(go.signerKey)])).toBe(signed);
  });

  it('opens a note signed by a known and an unknown key, and by two known keys', () => {
    const one = openNote(`${go.text}\n${go.peterSig}${go.enochSig}`, [peter]);
    expect(one.text).toBe(go.text);
    expect(one.verified.map((s) => s.name)).toEqual(['PeterNeumann']);
    expect(one.unverified.map((s) => s.name)).toEqual(['EnochRoot']);
    const both = openNote(`${go.text}\n${go.peterSig}${go.enochSig}`, [peter, enoch]);
    expect(both.verified.map((s) => s.name)).toEqual(['PeterNeumann', 'EnochRoot']);
  });

  it('refuses a note with no known signature, a bad signature from a known key, or an ambiguous key', () => {
    expect(codeOf(() => openNote(signed, []))).toBe('NOTE.UNVERIFIED');
    expect(codeOf(() => openNote(`${go.text}\n${go.peterSig.slice(0, 60)}ABCD${go.peterSig.slice(60)}`, [peter]))).toBe('NOTE.INVALID_SIGNATURE');
    expect(codeOf(() => openNote(`${go.text}\n${go.enochSig}`, [enoch, peter, enoch]))).toBe('NOTE.AMBIGUOUS_KEY');
    expect(codeOf(() => openNote(signed, [enoch, peter, enoch]))).toBe('none');
  });

  it('refuses malformed notes', () => {
    const bad: (string | Buffer)[] = [
      go.text,
      `${go.text}\n`,
      `${go.text}\n${go.peterSig.slice(0, -1)}`,
      `\x01${go.text}\n${go.peterSig}`,
      Buffer.concat([Buffer.from([0xff]), Buffer.from(signed)]),
      `${go.text}\n${go.peterSig.replace('PeterNeumann', 'Bad Name')}`,
      `${go.text}\n${go.peterSig}Unexpected line.\n`,
      `${go.text}\n${go.peterSig.repeat(101)}`,
      `${go.text}\n${go.peterSig.replace('— ', '- ')}`,
    ];
    for (const note of bad) expect(codeOf(() => openNote(note, [peter]))).toBe('NOTE.MALFORMED');
  });

  it('counts a repeated signature once', () => {
    const opened = openNote(`${go.text}\n${go.peterSig}${go.peterSig}${go.enochSig}${go.enochSig}`, [peter]);
    expect(opened.verified).toHaveLength(1);
    expect(opened.unverified).toHaveLength(1);
  });

  it('refuses every mangling of a verifier key and of a signer key', () => {
    expect(codeOf(() => parseVerifierKey(go.wrongLengthKey))).toBe('NOTE.MALFORMED_KEY');
    expect(codeOf(() => parseVerifierKey(go.unknownAlgorithmKey))).toBe('NOTE.MALFORMED_KEY');
    for (const [key, parse] of [
      [go.peterKey, parseVerifierKey],
      [go.signerKey, parseSignerKey],
    ] as const) {
      for (let i = 0; i < key.length; i++) {
        for (let j = i + 1; j <= key.length; j++) {
          if (i !== 0 || j !== key.length) expect(codeOf(() => parse(key.slice(i, j)))).toBe('NOTE.MALFORMED_KEY');
        }
        const bumped = key.slice(0, i) + String.fromCharCode(key.charCodeAt(i) + 1) + key.slice(i + 1);
        expect(codeOf(() => parse(bumped))).toBe('NOTE.MALFORMED_KEY');
      }
    }
  });
});

describe('when the ledger makes its own key', () => {
  it('signs notes its verifier key opens, and a key pair from node:crypto does the same', () => {
    const { signerKey, verifierKey } = generateNoteKey('ledger.example/log');
    const note = signNote('ledger.example/log\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n', [parseSignerKey(signerKey)]);
    expect(openNote(note, [parseVerifierKey(verifierKey)]).verified).toHaveLength(1);
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const signer = ed25519NoteSigner('ledger.example/other', privateKey);
    expect(openNote(signNote('hello\n', [signer]), [parseVerifierKey(formatVerifierKey(signer.name, publicKey))]).text).toBe('hello\n');
  });

  it('reads back keys whose base64 holds plus signs (names never do)', () => {
    const keys = Array.from({ length: 20 }, () => generateNoteKey('ledger.example/log'));
    expect(keys.some((k) => k.signerKey.split('+').length > 5)).toBe(true);
    for (const { signerKey, verifierKey } of keys) {
      expect(openNote(signNote('x\n', [parseSignerKey(signerKey)]), [parseVerifierKey(verifierKey)]).verified).toHaveLength(1);
    }
  });

  it('refuses to sign a text without its final newline, with control characters, or with no signer', () => {
    const signer = parseSignerKey(generateNoteKey('ledger.example/log').signerKey);
    expect(codeOf(() => signNote('no newline', [signer]))).toBe('NOTE.MALFORMED');
    expect(codeOf(() => signNote('tab\there\n', [signer]))).toBe('NOTE.MALFORMED');
    expect(codeOf(() => signNote('lone \ud800 surrogate\n', [signer]))).toBe('NOTE.MALFORMED');
    expect(codeOf(() => signNote('hello\n', []))).toBe('NOTE.MALFORMED');
    expect(codeOf(() => generateNoteKey('has space'))).toBe('NOTE.MALFORMED_KEY');
    expect(codeOf(() => generateNoteKey('has+plus'))).toBe('NOTE.MALFORMED_KEY');
  });
});
