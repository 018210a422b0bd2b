import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Topics } from '@app/contracts';
import { openMessageBus } from '@app/messaging';
import { AppProcess, setUpProvider } from '@app/testing';
import { benchItem } from './items';
import { rawKafkaRoundTrip } from './raw-kafka';

const LAUNCHER = resolve(__dirname, '..', '..', 'deploy', 'kafka', 'kafka.sh');
const BENCH_PORT = '39092';

const TICKS_PER_SECOND = 100;

/** utime + stime of a process in clock ticks (Linux); undefined elsewhere. */
function cpuTicks(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

/** Kafka ingest through the ledger beside raw kafkajs; a broker from KAFKA_BROKERS or the launcher. */
export async function kafkaIngest(total: number): Promise<{ eventsPerSecond: number; rawPerSecond: number } | { skipped: string }> {
  let brokers = process.env.KAFKA_BROKERS;
  let started = false;
  if (!brokers) {
    try {
      const out = execFileSync('bash', [LAUNCHER, 'up'], { env: { ...process.env, KAFKA_PORT: BENCH_PORT }, stdio: ['ignore', 'pipe', 'ignore'] }).toString();
      brokers = /KAFKA_BROKERS=(\S+)/.exec(out)?.[1];
      started = true;
    } catch {
      return { skipped: 'no KAFKA_BROKERS and the launcher could not start a broker (needs java and mvn)' };
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-kafka-'));
  const app = await AppProcess.start({ dataDir: dir, env: { LOG_LEVEL: 'warn', BUS: `kafka://${brokers}` } });
  const bus = await openMessageBus(`kafka://${brokers}`, 'bench');
  try {
    const providerId = `bench-${randomBytes(4).toString('hex')}`;
    const { key, achievementId } = await setUpProvider(app, providerId);
    const admin = app.adminKey();
    const headBefore = (await app.api('GET', '/v1/projections', { key: admin })).body.head as number;
    const messages = Array.from({ length: total }, (_, n) => {
      const item = benchItem(n, achievementId);
      return { key: item.data.credentialRef, value: JSON.stringify({ providerId, ...item }), headers: { authorization: `Bearer ${key}` } };
    });
    const cpu0 = cpuTicks(app.child.pid);
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < messages.length; i += 1000) await bus.publish(Topics.providerEvents, messages.slice(i, i + 1000));
    while ((await app.api('GET', '/v1/projections', { key: admin })).body.head - headBefore < total) await new Promise((r) => setTimeout(r, 50));
    const eventsPerSecond = total / (Number(process.hrtime.bigint() - t0) / 1e9);
    const cpu1 = cpuTicks(app.child.pid);
    // The ledger's CPU per event: steadier than events/s on a shared machine.
    if (cpu0 !== undefined && cpu1 !== undefined) console.error(`ingest-kafka: ledger CPU ${(((cpu1 - cpu0) * 1e6) / TICKS_PER_SECOND / total).toFixed(0)} µs/event`);
    const rawPerSecond = await rawKafkaRoundTrip(brokers!.split(','), messages);
    return { eventsPerSecond, rawPerSecond };
  } finally {
    await bus.close();
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
    if (started) execFileSync('bash', [LAUNCHER, 'down'], { env: { ...process.env, KAFKA_PORT: BENCH_PORT }, stdio: 'ignore' });
  }
}
