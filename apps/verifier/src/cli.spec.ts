import { rmSync } from 'node:fs';
import { runVerifier } from './cli';
import { SyntheticLog, withByteChanged } from './synthetic-log.fixture';

describe('npm run verify', () => {
  const log = new SyntheticLog(300);
  const exportPath = log.writeExport();
  const key = log.keyFile();
  const cp = log.checkpointFile(300);
  afterAll(() => rmSync(log.dir, { recursive: true, force: true }));

  const verify = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runVerifier(argv, { out: (t) => out.push(t), err: (t) => err.push(t), env: {} });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('exits 0 and prints OK with the tree size and root', async () => {
    const { code, out, err } = await verify('--export', exportPath, '--checkpoint', cp, '--key', key, '--previous', log.checkpointFile(100));
    expect(code).toBe(0);
    expect(out).toMatch(/^OK ledger\.example\/verify-spec: .* signed root [A-Za-z0-9+/]{43}= \(tree size 300\)$/m);
    expect(out).toContain('consistent with the earlier checkpoint of size 100');
    expect(err).toBe('');
  });

  it('exits 1 and names the first bad leaf on stderr', async () => {
    const tampered = log.writeExport('tampered.ndjson', withByteChanged(log.leaves, 123));
    const { code, out, err } = await verify('--export', tampered, '--checkpoint', cp, '--key', key, '--tiles', await log.tilesDir(300));
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toContain('FAILED VERIFY.ROOT_MISMATCH');
    expect(err).toContain('first leaf that does not match: 123 (line 124 of the export)');
  });

  it('prints the report as JSON with --json', async () => {
    const truncated = log.writeExport('short.ndjson', log.leaves.slice(0, 10));
    const { code, out } = await verify('--export', truncated, '--checkpoint', cp, '--key', key, '--json');
    expect(code).toBe(1);
    expect(JSON.parse(out)).toMatchObject({ ok: false, exportLines: 10, checkpoint: { treeSize: 300 }, failures: [{ code: 'VERIFY.EXPORT_SHORT' }], firstBadLeafWithin: { from: 0, to: 11 } });
  });

  it('exits 1 on a checkpoint the key did not sign', async () => {
    const other = new SyntheticLog(0, log.origin);
    try {
      const { code, err } = await verify('--export', exportPath, '--checkpoint', cp, '--key', other.keyFile());
      expect(code).toBe(1);
      expect(err).toContain('FAILED VERIFY.BAD_SIGNATURE');
    } finally {
      rmSync(other.dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['a missing option', ['--export', 'x'], 'missing --checkpoint, --key'],
    ['an unknown option', ['--export', 'x', '--bogus'], "Unknown option '--bogus'"],
    ['a missing file', ['--export', 'nowhere.ndjson', '--checkpoint', 'nowhere.txt', '--key', 'nowhere.key'], 'ENOENT'],
  ])('exits 2 on %s', async (_name, argv, message) => {
    const { code, err } = await verify(...argv);
    expect(code).toBe(2);
    expect(err).toContain(message);
  });

  it('exits 2 on a key file that is no verifier key', async () => {
    const { code, err } = await verify('--export', exportPath, '--checkpoint', cp, '--key', log.write('bad.key', 'PRIVATE+KEY+oops'));
    expect(code).toBe(2);
    expect(err).toContain('is not a signed-note verifier key');
  });
});
