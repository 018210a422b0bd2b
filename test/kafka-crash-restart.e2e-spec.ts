import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Topics } from '@app/contracts';
import { BusSubscription, ConsumedMessage, MessageBus, openMessageBus } from '@app/messaging';
import { AppProcess, eventually, freePort, issueItem, setUpProvider } from '@app/testing';

const brokers = process.env.KAFKA_BROKERS;
if (!brokers) console.warn('Kafka crash-restart e2e skipped: KAFKA_BROKERS is not set and no Kafka was found (see test/engines.global-setup.ts)');

const ROOT = resolve(__dirname, '..');
/**
 * A restarted app must answer without waiting for its consumer group: before the fix it
 * answered only after the group's rejoin (28-30 s, at least the 10 s session timeout), or
 * never. The bound sits below the session timeout, not at a speed target: starting the
 * process alone takes 1-3 s on a loaded 2-core machine, and speed is the bench's business.
 */
const ANSWER_WITHIN_MS = 8_000;

/** Starts the ledger as AppProcess does, and resolves with how long it took to answer /health at all. */
async function startAndTimeFirstAnswer(dataDir: string, env: Record<string, string>): Promise<{ child: ChildProcess; url: string; answeredAfterMs: number; status: number }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const spawnedAt = Date.now();
  const child = spawn(process.execPath, ['-r', join(ROOT, 'deploy', 'register-paths.js'), join(ROOT, 'dist', 'apps', 'ledger', 'src', 'main.js')], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(join(dataDir, 'ledger.log'), { flags: 'a' });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the ledger exited (${child.exitCode}) before answering; see ${dataDir}/ledger.log`);
    try {
      const res = await fetch(`${url}/health`);
      return { child, url, answeredAfterMs: Date.now() - spawnedAt, status: res.status };
    } catch {
      // not listening yet
    }
    if (Date.now() - spawnedAt > 60_000) throw new Error(`the ledger did not answer within 60 s; see ${dataDir}/ledger.log`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function kill9(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

/**
 * Issue 8, item 13: after kill -9 the ledger on Kafka served nothing, not even /health,
 * for 28-30 s while its consumer group rejoined, and a second crash in that window made
 * the next start exit. HTTP must come up at once and the group join in the background.
 */
(brokers ? describe : describe.skip)('when the ledger on the Kafka bus is killed (SIGKILL) and started again', () => {
  let dir: string;
  let bus: MessageBus;
  let outcomesSub: BusSubscription | undefined;
  let running: ChildProcess | undefined;
  const outcomes: Record<string, unknown>[] = [];

  afterAll(async () => {
    await outcomesSub?.stop();
    await bus?.close();
    if (running && running.exitCode === null) {
      const exited = new Promise((r) => running!.once('exit', r));
      running.kill('SIGTERM');
      await exited;
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('answers /health at once after each restart, even killed again before its group rejoined, and then ingests from Kafka', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-kcrash-'));
    const env = { BUS: `kafka://${brokers}` };
    const first = await AppProcess.start({ dataDir: dir, env });
    const providerId = `kc-${randomBytes(4).toString('hex')}`;
    const { key, achievementId } = await setUpProvider(first, providerId);
    bus = await openMessageBus(`kafka://${brokers}`, `crash-test-${randomUUID()}`);
    outcomesSub = await bus.subscribe({ topic: Topics.providerEventOutcomes, groupId: `e2e-${randomUUID()}`, fromBeginning: false }, async (batch: ConsumedMessage[]) => {
      for (const m of batch) outcomes.push(JSON.parse(m.value));
    });
    const send = (n: number) =>
      bus.publish(Topics.providerEvents, [
        { key: `KC-${n}`, value: JSON.stringify({ providerId, ...issueItem(`kc-${n}`, `KC-${n}`, achievementId, `kc-${n}`) }), headers: { authorization: `Bearer ${key}` } },
      ]);
    const answered = (n: number) => outcomes.some((o) => o.providerId === providerId && o.sourceEventId === `kc-${n}` && o.outcome === 'accepted');

    // The group has a live member (this app) when it dies: the restarted consumer must wait out its session.
    await send(1);
    await eventually(() => answered(1), 60_000, 'the first app ingests from Kafka');
    await first.kill();

    const second = await startAndTimeFirstAnswer(dir, env);
    running = second.child;
    // Killed again at once, well inside the group's rejoin window.
    await kill9(second.child);
    const third = await startAndTimeFirstAnswer(dir, env);
    running = third.child;
    console.warn(`[kafka-crash-restart] /health answered ${second.answeredAfterMs} ms and ${third.answeredAfterMs} ms after spawn (limit ${ANSWER_WITHIN_MS} ms)`);
    expect(second.answeredAfterMs).toBeLessThanOrEqual(ANSWER_WITHIN_MS);
    expect(third.answeredAfterMs).toBeLessThanOrEqual(ANSWER_WITHIN_MS);

    // The group joins in the background, and the process stays up meanwhile.
    await send(2);
    await eventually(() => answered(2), 90_000, 'the restarted app ingests from Kafka once its group joined');
    expect(third.child.exitCode).toBeNull();
    expect((await fetch(`${third.url}/health`)).status).toBe(200);
  }, 240_000);
});
