import { parseVerifierKey, generateNoteKey } from '@app/ledger-crypto';
import { readFileSync, rmSync } from 'node:fs';
import { tileSource } from './tile-source';
import { SyntheticLog, withByteChanged } from './synthetic-log.fixture';
import { verifyExport, VerifyInput } from './verify-export';

const codes = (report: { failures: { code: string }[] }) => report.failures.map((f) => f.code);

describe('verifyExport', () => {
  const log = new SyntheticLog(1000);
  const verifier = parseVerifierKey(log.keys.verifierKey);
  const file = (path: string) => ({ label: path, note: readFileSync(path) });
  const run = (exportPath: string, checkpoint: string, more: Partial<VerifyInput> = {}) => verifyExport({ exportPath, checkpoint: file(checkpoint), verifier, ...more });
  const exportPath = log.writeExport();
  const cp1000 = log.checkpointFile(1000);
  const cp600 = log.checkpointFile(600);
  afterAll(() => rmSync(log.dir, { recursive: true, force: true }));

  describe('when the export is the log the checkpoint signs', () => {
    it('reports OK with the tree size and root', async () => {
      const report = await run(exportPath, cp1000);
      expect(report).toMatchObject({ ok: true, checkpoint: { origin: log.origin, treeSize: 1000 }, exportLines: 1000, failures: [] });
      expect(report.checkpoint?.root).toBe(readFileSync(cp1000, 'utf8').split('\n')[2]);
    });

    it('checks only the first treeSize lines of a longer export, and says so', async () => {
      const report = await run(exportPath, cp600);
      expect(report).toMatchObject({ ok: true, checkpoint: { treeSize: 600 }, exportLines: 1000 });
      expect(report.notes.join()).toContain('the other 400 were not checked');
    });

    it('accepts an empty log', async () => {
      expect(await run(log.writeExport('empty.ndjson', []), log.checkpointFile(0))).toMatchObject({ ok: true, checkpoint: { treeSize: 0 } });
    });

    it('passes the consistency check with earlier checkpoints', async () => {
      const report = await run(exportPath, cp1000, { previous: [file(cp600), file(log.checkpointFile(1))] });
      expect(report.ok).toBe(true);
      expect(report.previous.map((p) => [p.treeSize, p.matches])).toEqual([[600, true], [1, true]]);
    });
  });

  describe('when one byte of line k was changed', () => {
    it.each([0, 1, 255, 256, 599, 600, 999])('fails with a root mismatch and, with the tiles, names leaf %i', async (k) => {
      const tampered = log.writeExport(`tampered-${k}.ndjson`, withByteChanged(log.leaves, k));
      const bare = await run(tampered, cp1000);
      expect(bare).toMatchObject({ ok: false, firstBadLeafWithin: { from: 0, to: 1000 } });
      expect(codes(bare)).toEqual(['VERIFY.ROOT_MISMATCH']);
      expect(bare.firstBadLeaf).toBeUndefined();
      expect(bare.notes.join()).toContain('pass --tiles');
      const tiles = tileSource(await log.tilesDir(1000));
      expect(await run(tampered, cp1000, { tiles })).toMatchObject({ ok: false, firstBadLeaf: k });
    });

    it('narrows the leaf down between checkpoints without the tiles, and names it when they are one leaf apart', async () => {
      const tampered = log.writeExport('tampered-700.ndjson', withByteChanged(log.leaves, 700));
      const between = await run(tampered, cp1000, { previous: [file(cp600)] });
      expect(between).toMatchObject({ ok: false, firstBadLeafWithin: { from: 600, to: 1000 } });
      expect(codes(between)).toEqual(['VERIFY.ROOT_MISMATCH']);
      const adjacent = await run(tampered, cp1000, { previous: [file(log.checkpointFile(700)), file(log.checkpointFile(701))] });
      expect(adjacent).toMatchObject({ ok: false, firstBadLeaf: 700 });
      expect(codes(adjacent)).toEqual(['VERIFY.ROOT_MISMATCH', 'VERIFY.PREVIOUS_MISMATCH']);
    });

    it('fails the consistency check with an earlier checkpoint covering the leaf', async () => {
      const tampered = log.writeExport('tampered-300.ndjson', withByteChanged(log.leaves, 300));
      const report = await run(tampered, cp1000, { previous: [file(cp600)] });
      expect(codes(report)).toEqual(['VERIFY.ROOT_MISMATCH', 'VERIFY.PREVIOUS_MISMATCH']);
      expect(report).toMatchObject({ previous: [{ treeSize: 600, matches: false }], firstBadLeafWithin: { from: 0, to: 600 } });
    });

    it('names the leaf in a tree past one level of tiles (level-8 nodes and partial tiles at every level)', async () => {
      const big = new SyntheticLog(70_001);
      try {
        const cp = big.write('cp.txt', big.checkpointNote(70_001));
        const tiles = tileSource(await big.tilesDir(70_001));
        for (const k of [12_345, 65_536, 70_000]) {
          const tampered = big.writeExport(`t-${k}.ndjson`, withByteChanged(big.leaves, k));
          const report = await verifyExport({ exportPath: tampered, checkpoint: file(cp), verifier: parseVerifierKey(big.keys.verifierKey), tiles });
          expect(report).toMatchObject({ ok: false, firstBadLeaf: k });
        }
      } finally {
        rmSync(big.dir, { recursive: true, force: true });
      }
    }, 60_000);
  });

  describe('when the export is shorter than the checkpoint', () => {
    it('fails and names the first missing leaf', async () => {
      const truncated = log.writeExport('truncated.ndjson', log.leaves.slice(0, 990));
      const report = await run(truncated, cp1000);
      expect(codes(report)).toEqual(['VERIFY.EXPORT_SHORT']);
      expect(report).toMatchObject({ exportLines: 990, firstBadLeafWithin: { from: 0, to: 991 } });
      expect(await run(truncated, cp1000, { previous: [file(log.checkpointFile(990))] })).toMatchObject({ firstBadLeaf: 990 });
      expect(await run(truncated, cp1000, { tiles: tileSource(await log.tilesDir(1000)) })).toMatchObject({ firstBadLeaf: 990 });
    });

    it('names an earlier changed leaf of a truncated export from the tiles', async () => {
      const both = log.writeExport('both.ndjson', withByteChanged(log.leaves, 42).slice(0, 500));
      expect(await run(both, cp1000, { tiles: tileSource(await log.tilesDir(1000)) })).toMatchObject({ ok: false, firstBadLeaf: 42 });
    });

    it('cuts the last line short: a missing final newline is no excuse for missing bytes', async () => {
      const cut = log.write('cut.ndjson', readFileSync(exportPath).subarray(0, -5));
      const report = await run(cut, cp1000, { tiles: tileSource(await log.tilesDir(1000)) });
      expect(report).toMatchObject({ ok: false, firstBadLeaf: 999 });
      expect(codes(report)).toEqual(['VERIFY.ROOT_MISMATCH']);
    });
  });

  describe('when the checkpoint cannot be trusted', () => {
    it('refuses a checkpoint signed by another key', async () => {
      const other = generateNoteKey(log.origin);
      const forged = log.write('forged.txt', log.checkpointNote(1000, log.leaves, other.signerKey));
      const report = await run(exportPath, forged);
      expect(codes(report)).toEqual(['VERIFY.BAD_SIGNATURE']);
      expect(report.checkpoint).toBeUndefined();
      expect(await run(exportPath, cp1000, { verifier: parseVerifierKey(other.verifierKey) })).toMatchObject({ ok: false, failures: [{ code: 'VERIFY.BAD_SIGNATURE' }] });
    });

    it('refuses a checkpoint whose text was altered after signing', async () => {
      const note = readFileSync(cp1000, 'utf8').replace(/^1000$/m, '999');
      expect(codes(await run(exportPath, log.write('altered.txt', note)))).toEqual(['VERIFY.BAD_SIGNATURE']);
    });

    it('refuses a checkpoint of another origin and a file that is no checkpoint', async () => {
      expect(codes(await run(exportPath, cp1000, { origin: 'another.example/log' }))).toEqual(['VERIFY.WRONG_ORIGIN']);
      expect(codes(await run(exportPath, log.write('junk.txt', 'not a note')))).toEqual(['VERIFY.MALFORMED_CHECKPOINT']);
    });

    it('refuses an earlier checkpoint that is newer, or badly signed', async () => {
      expect(codes(await run(exportPath, cp600, { previous: [file(cp1000)] }))).toEqual(['VERIFY.PREVIOUS_NEWER']);
      const other = generateNoteKey(log.origin);
      const forged = log.write('forged-600.txt', log.checkpointNote(600, log.leaves, other.signerKey));
      expect(codes(await run(exportPath, cp1000, { previous: [file(forged)] }))).toEqual(['VERIFY.BAD_SIGNATURE']);
    });
  });

  describe('when the log was rewritten after an earlier checkpoint', () => {
    const forked = withByteChanged(log.leaves, 250);
    it('fails the consistency check and says the tiles of the current tree cannot name the leaf', async () => {
      const oldCp = log.checkpointFile(600, 'old-600.txt', forked);
      const report = await run(exportPath, cp1000, { previous: [file(oldCp)], tiles: tileSource(await log.tilesDir(1000)) });
      expect(codes(report)).toEqual(['VERIFY.PREVIOUS_MISMATCH', 'VERIFY.CHECKPOINTS_INCONSISTENT']);
      expect(report).toMatchObject({ firstBadLeafWithin: { from: 0, to: 600 } });
      expect(report.notes.join()).toContain('rewritten after the earlier one was signed');
    });

    it('reports signed checkpoints that cannot belong to one log', async () => {
      const report = await run(exportPath, cp1000, { previous: [file(log.checkpointFile(600, 'fork-600.txt', forked)), file(log.checkpointFile(800))] });
      expect(codes(report)).toEqual(['VERIFY.PREVIOUS_MISMATCH', 'VERIFY.CHECKPOINTS_INCONSISTENT']);
      expect(report.failures[1].message).toContain('size 1000 but not the one of size 600');
    });

    it('fails when the tiles do not hash to the checkpoint, instead of naming a leaf from them', async () => {
      const wrongTiles = new SyntheticLog(0);
      wrongTiles.leaves.push(...forked);
      try {
        const tampered = log.writeExport('tampered-9.ndjson', withByteChanged(log.leaves, 9));
        const report = await run(tampered, cp1000, { tiles: tileSource(await wrongTiles.tilesDir(1000)) });
        expect(codes(report)).toEqual(['VERIFY.ROOT_MISMATCH', 'VERIFY.TILES_MISMATCH']);
        expect(report.firstBadLeaf).toBeUndefined();
      } finally {
        rmSync(wrongTiles.dir, { recursive: true, force: true });
      }
    });
  });
});
