import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SyntheticLog, withByteChanged } from '../apps/verifier/src/synthetic-log.fixture';

const ROOT = resolve(__dirname, '..');

/** The offline verifier as built (`npm run build`): runs from dist/ with only the runtime path registration. */
describe('the offline verifier from dist/', () => {
  const log = new SyntheticLog(1000);
  afterAll(() => rmSync(log.dir, { recursive: true, force: true }));
  const run = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((done) =>
      execFile(process.execPath, ['-r', join(ROOT, 'deploy', 'register-paths.js'), join(ROOT, 'dist', 'apps', 'verifier', 'src', 'main.js'), ...args], (error, stdout, stderr) =>
        done({ code: error ? Number((error as { code?: unknown }).code) : 0, stdout, stderr }),
      ),
    );

  it('exits 0 on a matching export and prints OK', async () => {
    const { code, stdout } = await run(['--export', log.writeExport(), '--checkpoint', log.checkpointFile(1000), '--key', log.keyFile(), '--previous', log.checkpointFile(10)]);
    expect(stdout).toContain('(tree size 1000)');
    expect(code).toBe(0);
  }, 30_000);

  it('exits 1 on a changed byte and names the leaf from a tiles directory', async () => {
    const tampered = log.writeExport('tampered.ndjson', withByteChanged(log.leaves, 777));
    const { code, stdout, stderr } = await run(['--export', tampered, '--checkpoint', log.checkpointFile(1000), '--key', log.keyFile(), '--tiles', await log.tilesDir(1000), '--json']);
    expect(JSON.parse(stdout)).toMatchObject({ ok: false, firstBadLeaf: 777 });
    expect(stderr).toBe('');
    expect(code).toBe(1);
  }, 30_000);
});
