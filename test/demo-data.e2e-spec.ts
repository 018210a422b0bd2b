import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { credentialIdFor } from '@app/contracts';
import { AppProcess, generateDataSet, lifecycleBatches, loadDataSet, settledHead, setupSteps } from '@app/testing';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '..');

/**
 * The generated data set against a real ledger: every set-up request and every credential
 * event of a small multi-jurisdiction set is accepted, loading it again writes nothing, and
 * `npm run demo` (dist/bench/demo.js) loads its own set into a running ledger.
 */
describe('generated data set on a running ledger', () => {
  let dir: string;
  let app: AppProcess;
  let admin: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-demo-'));
    app = await AppProcess.start({ dataDir: dir, env: { RAISE_DISCREPANCIES: 'on' } });
    admin = app.adminKey();
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('when a set of 300 events is loaded through the API', () => {
    const set = generateDataSet({ seed: 'e2e-generated', events: 300, batchSize: 50 });

    it('accepts every request and every event', async () => {
      const report = await loadDataSet(set, { baseUrl: app.url, adminKey: admin });
      expect(report.rejections).toEqual([]);
      expect([report.accepted, report.duplicate, report.rejected]).toEqual([300, 0, 0]);
      expect(report.alreadyThere).toBe(0);
    }, 120_000);

    it('builds the read side from it: providers, learners found by their identifiers, credentials verified', async () => {
      await settledHead(app, admin);
      const providers = (await app.api('GET', '/v1/providers?limit=100', { key: admin })).body;
      const ids = providers.items.map((p: { providerId: string }) => p.providerId);
      expect(ids).toEqual(expect.arrayContaining(set.providers.map((p) => p.providerId)));
      // A credential without a validUntil and without later events: issued, whatever the day.
      const items = [...lifecycleBatches(set)].flatMap((b) => b.items.map((item) => ({ providerId: b.providerId, item })));
      const { providerId, item: issued } = items.find(({ item }) => item.type === 'CredentialIssued' && !item.data.validUntil
        && items.filter((o) => o.item.data.credentialRef === item.data.credentialRef).length === 1)!;
      const verification = await app.api('GET', `/v1/credentials/${credentialIdFor(providerId, issued.data.credentialRef as string)}/verification`, { key: admin });
      expect(verification.status).toBe(200);
      expect(verification.body.status).toBe('issued');
      const holder = (issued.data.holder as { identifiers: { scheme: string; value: string }[] }).identifiers;
      const lookup = await app.api('POST', '/v1/learners/lookup', { key: admin, body: { identifiers: holder.slice(0, 1) } });
      expect(lookup.body.learners).toHaveLength(1);
    }, 60_000);

    it('writes nothing when loaded again', async () => {
      const head = await settledHead(app, admin);
      const again = await loadDataSet(set, { baseUrl: app.url, adminKey: admin });
      expect([again.accepted, again.duplicate, again.rejected]).toEqual([0, 300, 0]);
      // Only the API keys issued again for the QA bodies and providers are new events.
      expect(await settledHead(app, admin)).toBe(head + setupSteps(set).filter((s) => s.keyFor).length);
    }, 120_000);
  });

  describe('when npm run demo is pointed at it', () => {
    it('loads the demo set and says how to look at it, naming the key file, never the key', async () => {
      const keyFile = join(dir, 'demo-admin.key');
      writeFileSync(keyFile, admin, { mode: 0o600 });
      const { stdout } = await run(process.execPath, ['-r', join(ROOT, 'deploy', 'register-paths.js'), join(ROOT, 'dist', 'bench', 'demo.js'), `--url=${app.url}`, `--admin-key-file=${keyFile}`, '--events=120', '--seed=e2e-demo'], { cwd: ROOT, timeout: 120_000 });
      expect(stdout).toMatch(/Credential events: 120 accepted, 0 duplicate, 0 rejected/);
      expect(stdout).toContain('/verification');
      expect(stdout).not.toContain(admin);
    }, 150_000);
  });
});
