import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppProcess, issueItem, setUpProvider } from '@app/testing';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { Topics } from '@app/contracts';
import { openMessageBus } from '@app/messaging';
import { rawKafkaRoundTrip } from './raw-kafka';
import { rawSqliteAppend } from './raw-sqlite';

/**
 * `npm run bench [-- --quick]`: performance figures of DESIGN section 7, each printed beside
 * the machine's own limit measured in the same run. Nothing here asserts; it reports.
 */
const quick = process.argv.includes('--quick');
const TOTAL = quick ? 20_000 : 200_000;
const BATCH = 1000;
const CONCURRENCY = 4;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-'));
  const app = await AppProcess.start({ dataDir: dir, env: { LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '1000000' } });
  try {
    const { key, achievementId } = await setUpProvider(app, 'bench-university');
    const admin = app.adminKey();
    const batches = Array.from({ length: TOTAL / BATCH }, (_, b) =>
      JSON.stringify({ items: Array.from({ length: BATCH }, (_, i) => benchItem(b * BATCH + i, achievementId)) }),
    );
    const itemBytes = Math.round(batches[0].length / BATCH);

    // Warm-up: one batch, not counted.
    await post(app, key, JSON.stringify({ items: [benchItem(-1, achievementId)] }));

    const started = process.hrtime.bigint();
    let next = 0;
    let accepted = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < batches.length) {
          const n = await post(app, key, batches[next++]);
          accepted += n;
        }
      }),
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const loadStopped = Date.now();
    let caughtUpMs = -1;
    for (;;) {
      const status = await app.api('GET', '/v1/projections', { key: admin });
      if (status.body.lag === 0) {
        caughtUpMs = Date.now() - loadStopped;
        break;
      }
      if (Date.now() - loadStopped > 120_000) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await app.stop();

    const rate = accepted / seconds;
    const raw = rawSqliteAppend(join(dir, 'events.db'), BATCH);
    const line = (name: string, value: string) => console.log(`${name}: ${value}`);
    console.log(`# bench ${quick ? '--quick' : 'full'}: ${accepted} events accepted in ${BATCH}-item batches, ${CONCURRENCY} concurrent clients, ~${itemBytes} B per item on the wire`);
    line('ingest-http', `${Math.round(rate)} events/s (limit raw-sqlite: ${Math.round(raw.rowsPerSecond)} rows/s, ratio: ${(rate / raw.rowsPerSecond).toFixed(2)}) [target >= 20000 events/s]`);
    line('projection-catch-up', `${caughtUpMs < 0 ? 'not caught up within 120 s' : `${caughtUpMs} ms after load stopped`} [target <= 2000 ms]`);
    line('raw-sqlite-append', `${raw.rows} rows of ~${raw.avgRowBytes} B stored data+metadata, ${BATCH} rows per transaction, WAL, synchronous=FULL`);
  } finally {
    if (app.child.exitCode === null) await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function benchItem(n: number, achievementId: string) {
  const item = issueItem(`bench-${n}`, `BENCH-${n}`, achievementId, `learner-${n}`);
  // Realistic extra identifiers bring a stored event to about 1 KB, the size DESIGN section 7 assumes.
  item.data.holder.identifiers.push({ scheme: 'EU-ESI', value: `urn:schac:personalUniqueCode:int:esi:bench.example:${n}` }, { scheme: 'EMAIL', value: `learner${n}@bench.example` });
  return { ...item, data: { ...item.data, validUntil: '2031-03-01T00:00:00Z', grade: 'Merit' } };
}

async function post(app: AppProcess, key: string, body: string): Promise<number> {
  const res = await app.api('POST', '/v1/providers/bench-university/events', { key, raw: body });
  if (res.status !== 207) throw new Error(`ingest answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
  return res.body.summary.accepted;
}

/** Kafka ingest through the ledger beside raw kafkajs, when a broker is given or the launcher can start one. */
async function kafkaBench(): Promise<void> {
  let brokers = process.env.KAFKA_BROKERS;
  let started = false;
  const launcher = resolve(__dirname, '..', '..', 'deploy', 'kafka', 'kafka.sh');
  if (!brokers) {
    try {
      const out = execFileSync('bash', [launcher, 'up'], { env: { ...process.env, KAFKA_PORT: '39092' }, stdio: ['ignore', 'pipe', 'ignore'] }).toString();
      brokers = /KAFKA_BROKERS=(\S+)/.exec(out)?.[1];
      started = true;
    } catch {
      console.log('ingest-kafka: skipped (no KAFKA_BROKERS and the launcher could not start a broker: needs java and mvn)');
      return;
    }
  }
  const total = quick ? 10_000 : 100_000;
  const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-kafka-'));
  const app = await AppProcess.start({ dataDir: dir, env: { LOG_LEVEL: 'warn', BUS: `kafka://${brokers}`, RATE_LIMIT_PER_MINUTE: '1000000' } });
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
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < messages.length; i += 1000) await bus.publish(Topics.providerEvents, messages.slice(i, i + 1000));
    for (;;) {
      const status = await app.api('GET', '/v1/projections', { key: admin });
      if (status.body.head - headBefore >= total) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const rate = total / (Number(process.hrtime.bigint() - t0) / 1e9);
    const raw = await rawKafkaRoundTrip(brokers!.split(','), messages);
    console.log(`ingest-kafka: ${Math.round(rate)} events/s (limit raw-kafkajs produce+consume: ${Math.round(raw)} msgs/s, ratio: ${(rate / raw).toFixed(2)}) [target >= 10000 events/s]`);
  } finally {
    await bus.close();
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
    if (started) execFileSync('bash', [launcher, 'down'], { env: { ...process.env, KAFKA_PORT: '39092' }, stdio: 'ignore' });
  }
}

main()
  .then(() => (process.argv.includes('--no-kafka') ? undefined : kafkaBench()))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
