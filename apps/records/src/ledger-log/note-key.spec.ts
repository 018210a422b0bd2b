import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateNoteKey, openCheckpoint, parseVerifierKey, signCheckpoint } from '@app/ledger-crypto';
import { loadNoteKey, NOTE_KEY_FILE } from './note-key';

describe('loadNoteKey', () => {
  const dir = mkdtempSync(join(tmpdir(), 'note-key-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe('when no key is configured', () => {
    it('creates one in DATA_DIR, 0600, named after the origin, and reads the same one back', () => {
      const first = loadNoteKey({ dataDir: dir, origin: 'ledger.test/a' });
      expect(statSync(join(dir, NOTE_KEY_FILE)).mode & 0o777).toBe(0o600);
      expect(readFileSync(join(dir, NOTE_KEY_FILE), 'utf8')).toMatch(/^PRIVATE\+KEY\+ledger\.test\/a\+/);
      const again = loadNoteKey({ dataDir: dir });
      expect(again.verifierKey).toBe(first.verifierKey);
      expect(again.origin).toBe('ledger.test/a');
    });
  });

  describe('when LEDGER_NOTE_KEY is not a valid signer key', () => {
    it('stops the start naming the variable, not the key', () => {
      const { signerKey } = generateNoteKey('ledger.example/prod');
      const wrongId = signerKey.replace(/\+[0-9a-f]{8}\+/, '+00000000+');
      expect(() => loadNoteKey({ dataDir: dir, noteKey: wrongId })).toThrow(/LEDGER_NOTE_KEY: not a signed-note/);
      expect(() => loadNoteKey({ dataDir: dir, noteKey: wrongId })).not.toThrow(signerKey.split('+')[4]);
    });
  });

  describe('when LEDGER_NOTE_KEY is given', () => {
    it('signs checkpoints its verifier key opens', () => {
      const { signerKey, verifierKey } = generateNoteKey('ledger.example/prod');
      const key = loadNoteKey({ dataDir: dir, noteKey: signerKey });
      expect(key.verifierKey).toBe(verifierKey);
      const note = signCheckpoint({ origin: key.origin, size: 3, root: Buffer.alloc(32, 7) }, [key.signer]);
      expect(openCheckpoint(note, [parseVerifierKey(key.verifierKey)], 'ledger.example/prod').checkpoint.size).toBe(3);
    });
  });
});
