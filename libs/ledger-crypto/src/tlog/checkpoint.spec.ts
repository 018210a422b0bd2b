import { Checkpoint, formatCheckpoint, openCheckpoint, parseCheckpoint, signCheckpoint } from './checkpoint';
import { leafHash } from './hashing';
import { generateNoteKey, NoteError, parseNote, parseSignerKey, parseVerifierKey, signatureLine } from './signed-note';
import vectors from './testdata/signed-notes.json';

describe('the C2SP tlog-checkpoint example (c2sp.org/tlog-checkpoint)', () => {
  const { note } = vectors.c2spCheckpoint;

  it('parses its text and writes it back byte for byte', () => {
    const { text, signatures } = parseNote(note);
    const checkpoint = parseCheckpoint(text);
    expect(checkpoint).toMatchObject({ origin: 'example.com/behind-the-sofa', size: 20852163, extensions: [] });
    expect(checkpoint.root.toString('base64')).toBe('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=');
    expect(`${formatCheckpoint(checkpoint)}\n${signatures.map(signatureLine).join('')}`).toBe(note);
  });
});

describe('the golang.org/x/mod/sumdb/tlog tree note', () => {
  it('formats the size and root of a one-leaf hash exactly as published', () => {
    const { leaf, text } = vectors.goTree;
    expect(formatCheckpoint({ origin: 'go.sum database tree', size: 123456789012, root: leafHash(leaf) })).toBe(text);
    expect(parseCheckpoint(text).size).toBe(123456789012);
  });
});

describe('when the ledger signs a checkpoint', () => {
  const origin = 'ledger.example/log';
  const { signerKey, verifierKey } = generateNoteKey(origin);
  const checkpoint: Checkpoint = { origin, size: 42, root: leafHash('x'), extensions: ['extension line'] };

  it('opens with its key and origin, extension lines kept', () => {
    const note = signCheckpoint(checkpoint, [parseSignerKey(signerKey)]);
    const opened = openCheckpoint(note, [parseVerifierKey(verifierKey)], origin);
    expect(opened.checkpoint).toEqual(checkpoint);
  });

  it('refuses another origin under the same key', () => {
    const note = signCheckpoint({ ...checkpoint, origin: 'ledger.example/other' }, [parseSignerKey(signerKey)]);
    expect(() => openCheckpoint(note, [parseVerifierKey(verifierKey)], origin)).toThrow(expect.objectContaining({ code: 'NOTE.WRONG_ORIGIN' }));
  });

  it.each([
    ['a missing root line', 'o\n1\n'],
    ['a size with a leading zero', 'o\n01\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n'],
    ['a hex size', 'o\n0x1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n'],
    ['a short root', 'o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2=\n'],
    ['an empty origin', '\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n'],
    ['an empty extension line', 'o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n'],
    ['no final newline', 'o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I='],
  ])('refuses a checkpoint with %s', (_what, text) => {
    expect(() => parseCheckpoint(text)).toThrow(NoteError);
  });
});
