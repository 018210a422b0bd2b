import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { dockerAvailable } from './docker';

const run = promisify(execFile);

/** A broker the suites can use, and how to let go of it. */
export type KafkaEngine = {
  /** Comma-separated host:port list, the form KAFKA_BROKERS takes. */
  brokers: string;
  source: 'env' | 'testcontainers' | 'launcher';
  /** Set when the broker runs under deploy/kafka/kafka.sh on this port, so tests may restart it. */
  launcherPort?: number;
  stop(): Promise<void>;
};

const REPO = resolve(__dirname, '..', '..', '..', '..');
const LAUNCHER = join(REPO, 'deploy', 'kafka', 'kafka.sh');
/** Not 9092, so the suites never touch a broker a developer runs for the apps. */
const DEFAULT_LAUNCHER_PORT = 19092;
/** A cold first run downloads the broker from Maven Central. */
const LAUNCH_TIMEOUT_MS = 10 * 60_000;

/**
 * Kafka for the suites (README, Tests and benchmarks): KAFKA_BROKERS if given; else a testcontainers
 * broker where a Docker engine answers; else the repo's launcher (Maven Central jars,
 * needs java, and mvn until the jars are cached) on KAFKA_LAUNCHER_PORT or 19092; else
 * the reason there is none. stop() stops a launcher broker only if this call started it.
 */
export async function startKafka(): Promise<KafkaEngine | { skipped: string }> {
  const given = process.env.KAFKA_BROKERS?.trim();
  if (given) return { brokers: given, source: 'env', stop: async () => undefined };

  if (await dockerAvailable()) {
    const { KafkaContainer } = await import('@testcontainers/kafka');
    const container = await new KafkaContainer(process.env.KAFKA_IMAGE ?? 'confluentinc/cp-kafka:7.9.0').withKraft().start();
    return {
      brokers: `${container.getHost()}:${container.getMappedPort(9093)}`,
      source: 'testcontainers',
      stop: async () => void (await container.stop()),
    };
  }

  const missing = await missingLauncherTools();
  if (missing) return { skipped: `no KAFKA_BROKERS, no Docker engine, and the Kafka launcher cannot run: ${missing}` };
  const port = Number(process.env.KAFKA_LAUNCHER_PORT ?? DEFAULT_LAUNCHER_PORT);
  const launcher = (command: 'up' | 'down' | 'status') =>
    run('bash', [LAUNCHER, command], { env: { ...process.env, KAFKA_PORT: String(port) }, timeout: LAUNCH_TIMEOUT_MS });
  try {
    // A broker already running there belongs to someone else (another test run, a
    // developer iterating): use it, but leave stopping it to whoever started it.
    const adopted = await launcher('status').then(() => true, () => false);
    const { stdout } = await launcher('up');
    const brokers = /^KAFKA_BROKERS=(\S+)$/m.exec(stdout)?.[1];
    if (!brokers) return { skipped: `deploy/kafka/kafka.sh up printed no KAFKA_BROKERS line` };
    const stop = async () => {
      if (!adopted) await launcher('down');
    };
    return { brokers, source: 'launcher', launcherPort: port, stop };
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr?.trim().split('\n').slice(-5).join(' | ');
    return { skipped: `deploy/kafka/kafka.sh up failed: ${stderr || String(err)}` };
  }
}

async function missingLauncherTools(): Promise<string | undefined> {
  if (!(await onPath('java'))) return 'java is not on PATH';
  const cache = process.env.KAFKA_CACHE_DIR ?? join(REPO, '.deploy-cache', 'kafka');
  // Maven is needed only to fill the jar cache the first time.
  if (!existsSync(join(cache, 'libs', '.version')) && !(await onPath('mvn'))) return 'mvn is not on PATH and the broker jars are not cached';
  return undefined;
}

async function onPath(tool: string): Promise<boolean> {
  try {
    await run('bash', ['-c', `command -v ${tool}`]);
    return true;
  } catch {
    return false;
  }
}
