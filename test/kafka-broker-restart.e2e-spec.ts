import { execFile, execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Topics } from '@app/contracts';
import { MessageBus, openMessageBus } from '@app/messaging';
import { AppProcess, eventually, issueItem, setUpProvider } from '@app/testing';

const run = promisify(execFile);
const LAUNCHER = resolve(__dirname, '..', 'deploy', 'kafka', 'kafka.sh');
const brokers = process.env.KAFKA_BROKERS;
const launcherPort = /^127\.0\.0\.1:(\d+)$/.exec(brokers ?? '')?.[1];

/** Only a broker this repo's launcher runs can be restarted by the test. */
function launcherManaged(): boolean {
  if (!launcherPort) return false;
  try {
    execFileSync('bash', [LAUNCHER, 'status'], { env: { ...process.env, KAFKA_PORT: launcherPort }, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const managed = launcherManaged();
if (!managed) {
  console.warn(`broker-restart e2e skipped: KAFKA_BROKERS (${brokers ?? 'unset'}) is not a broker run by deploy/kafka/kafka.sh, so the test cannot restart it`);
}

(managed ? describe : describe.skip)('when the Kafka broker restarts during Kafka ingest', () => {
  let dir: string;
  let app: AppProcess | undefined;
  let bus: MessageBus | undefined;

  afterAll(async () => {
    await app?.stop();
    await bus?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('loses no event: every message is judged once in the log', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-kr-'));
    app = await AppProcess.start({ dataDir: dir, env: { BUS: `kafka://${brokers}` } });
    const providerId = `kr-${randomBytes(4).toString('hex')}`;
    const { key, achievementId } = await setUpProvider(app, providerId);
    const admin = app.adminKey();
    const headBefore = (await app.api('GET', '/v1/projections', { key: admin })).body.head as number;
    bus = await openMessageBus(`kafka://${brokers}`, `restart-test-${randomUUID()}`);

    const TOTAL = 2000;
    const message = (i: number) => ({
      key: `KR-${i}`,
      value: JSON.stringify({ providerId, ...issueItem(`kr-${i}`, `KR-${i}`, achievementId, `kr-${i}`) }),
      headers: { authorization: `Bearer ${key}` },
    });
    let restart: Promise<unknown> | undefined;
    for (let i = 0; i < TOTAL; i += 100) {
      if (i === 600) restart = run('bash', [LAUNCHER, 'restart'], { env: { ...process.env, KAFKA_PORT: launcherPort! } });
      await bus.publish(Topics.providerEvents, Array.from({ length: 100 }, (_, k) => message(i + k)));
    }
    await restart;

    // Each credential once, and for each (a new holder every time) records' claim, record opened and
    // credential linked — written by records after the credential, so wait for them too.
    const LEARNER_EVENTS = 3;
    await eventually(async () => {
      const status = await app!.api('GET', '/v1/projections', { key: admin });
      return status.body.head - headBefore >= TOTAL * (1 + LEARNER_EVENTS) && status.body.lag === 0;
    }, 120_000, 'every message ingested and every credential linked');
    const status = await app.api('GET', '/v1/projections', { key: admin });
    expect(status.body.head - headBefore).toBe(TOTAL * (1 + LEARNER_EVENTS));
  }, 240_000);
});
