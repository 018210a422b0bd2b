import { existsSync } from 'node:fs';
import { join } from 'node:path';

type Started = { stop(): Promise<void> } & Record<string, unknown>;
type Starter = () => Promise<Started | { skipped: string }>;

/**
 * Finds a real engine for each integration suite before any test runs (README, Tests and benchmarks):
 * an URL given in the environment, testcontainers where Docker answers, or what this
 * machine provides (the Kafka launcher, the local PostgreSQL). The URLs go into the
 * environment the test workers inherit; a suite without one prints why it skipped.
 */
const ENGINES: { env: string; file: string; fn: string; field: string }[] = [
  { env: 'DATABASE_URL', file: 'postgres.engine', fn: 'startPostgres', field: 'url' },
  { env: 'ESDB_URL', file: 'esdb.engine', fn: 'startEventStoreDb', field: 'url' },
  { env: 'KAFKA_BROKERS', file: 'kafka.engine', fn: 'startKafka', field: 'brokers' },
];

const started: Started[] = [];

export default async function setup(): Promise<void> {
  if (process.env.LEDGER_TEST_ENGINES === 'none') return;
  for (const engine of ENGINES) {
    if (process.env[engine.env]) {
      console.warn(`[engines] ${engine.env} given: ${redact(process.env[engine.env]!)}`);
      continue;
    }
    const path = join(__dirname, '..', 'libs', 'testing', 'src', 'engines', `${engine.file}.ts`);
    if (!existsSync(path)) continue;
    const start = (await import(path))[engine.fn] as Starter;
    const result = await start();
    if ('skipped' in result) {
      console.warn(`[engines] ${engine.env} not set and no engine found: ${result.skipped}`);
      continue;
    }
    process.env[engine.env] = String(result[engine.field]);
    console.warn(`[engines] ${engine.env}=${redact(process.env[engine.env]!)} (${String(result.source)})`);
    started.push(result);
  }
  (globalThis as { __LEDGER_ENGINES__?: Started[] }).__LEDGER_ENGINES__ = started;
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
