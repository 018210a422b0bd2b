import { execFile, execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { credentialIdFor, Topics } from '@app/contracts';
import { ConsumedMessage, openMessageBus } from '@app/messaging';
import { AppProcess, eventually, issueItem, setUpProvider } from '@app/testing';

const run = promisify(execFile);
const LAUNCHER = resolve(__dirname, '..', 'deploy', 'kafka', 'kafka.sh');
/**
 * This test stops its broker, so it runs one of its own with the launcher, on
 * KAFKA_FAULT_PORT (29092 unless set): never a broker another suite or person uses.
 */
const PORT = process.env.KAFKA_FAULT_PORT ?? '29092';
const launcher = (command: 'up' | 'down') => run('bash', [LAUNCHER, command], { env: { ...process.env, KAFKA_PORT: PORT }, timeout: 10 * 60_000 });

function javaMissing(): string | undefined {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore', timeout: 30_000 });
    return undefined;
  } catch {
    return 'java is not installed, so deploy/kafka/kafka.sh cannot run a broker of its own';
  }
}
const missing = javaMissing();
if (missing) console.warn(`Kafka broker-down e2e skipped: ${missing}`);

/**
 * Issue 8, item 14: with the broker down, SIGTERM took 76-80 s (kafkajs retrying to
 * leave the group, to publish, to disconnect), past a container's 10 s grace. The app
 * must exit within that grace, and what it acknowledged stays durable.
 */
(missing ? describe.skip : describe)('when the Kafka broker is down and the ledger gets SIGTERM', () => {
  let dir: string;
  let app: AppProcess | undefined;

  afterAll(async () => {
    if (app && app.child.exitCode === null) await app.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
    // Leaves nothing running: the broker was started for this test.
    await launcher('down').catch(() => undefined);
  }, 120_000);

  it('exits within 10 s, and what it acknowledged is there after restart', async () => {
    const { stdout } = await launcher('up');
    const brokers = /^KAFKA_BROKERS=(\S+)$/m.exec(stdout)?.[1];
    expect(brokers).toBeDefined();
    dir = mkdtempSync(join(tmpdir(), 'ledger-kdown-'));
    const env = { BUS: `kafka://${brokers}` };
    app = await AppProcess.start({ dataDir: dir, env });
    const providerId = `kd-${randomBytes(4).toString('hex')}`;
    const { key, achievementId } = await setUpProvider(app, providerId);

    // The ingest consumer has joined and answers: a live group member, a connected producer.
    const bus = await openMessageBus(`kafka://${brokers}`, `down-test-${randomUUID()}`);
    const answered: string[] = [];
    const sub = await bus.subscribe({ topic: Topics.providerEventOutcomes, groupId: `e2e-${randomUUID()}`, fromBeginning: false }, async (batch: ConsumedMessage[]) => {
      for (const m of batch) answered.push(JSON.parse(m.value).sourceEventId);
    });
    await bus.publish(Topics.providerEvents, [{ key: 'KD-1', value: JSON.stringify({ providerId, ...issueItem('kd-1', 'KD-1', achievementId, 'kd-1') }), headers: { authorization: `Bearer ${key}` } }]);
    await eventually(() => answered.includes('kd-1'), 60_000, 'the app ingests from Kafka');
    await sub.stop();
    await bus.close();

    await launcher('down');
    // Acknowledged while the broker is down: the relay now retries publishing it.
    const accepted = await app.api('POST', `/v1/providers/${providerId}/events`, { key, body: { items: [issueItem('kd-2', 'KD-2', achievementId, 'kd-2')] } });
    expect(accepted.body.results[0]).toMatchObject({ outcome: 'accepted' });

    const signalledAt = Date.now();
    const code = await app.stop();
    const tookMs = Date.now() - signalledAt;
    console.warn(`[kafka-broker-down] SIGTERM to exit: ${tookMs} ms (exit code ${code})`);
    expect(tookMs).toBeLessThanOrEqual(10_000);

    app = await AppProcess.start({ dataDir: dir, env: { BUS: 'memory' } });
    const verification = `/v1/credentials/${credentialIdFor(providerId, 'KD-2')}/verification`;
    await eventually(async () => (await app!.api('GET', verification, { key })).body.status === 'issued', 30_000, 'the acknowledged credential after restart');
    expect((await app.api('GET', verification, { key })).body).toMatchObject({ status: 'issued' });
  }, 300_000);
});
