import { Server } from 'node:http';
import { DynamicModule, INestApplication, Logger } from '@nestjs/common';
import { ApiKeyService, ensureBootstrapAdminKey } from '@app/auth';
import { assertDataDirWritable } from '../config/data-dir';
import { InvalidConfigurationError, LedgerEnv, loadEnv } from '../config/env';
import { createHttpApp, HttpAppOptions } from './http-app';

export interface RunAppOptions extends HttpAppOptions {
  service: string;
  module: (env: LedgerEnv) => DynamicModule;
  /** Whether this app hosts the admin routes and so creates the bootstrap admin key. */
  bootstrapAdmin: boolean;
}

/**
 * How long a stop may take in all: within a container's usual 10 s grace after SIGTERM.
 * Each part is bounded on its own (the Kafka bus gives its clients 3 s); this catches
 * whatever still hangs, as kill -9 would, which loses nothing acknowledged.
 */
export const SHUTDOWN_TIMEOUT_MS = 8_000;

/** How long an idle kept-alive HTTP connection stays open. */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** Boots one app: validates the environment, wires the module, serves HTTP until SIGTERM/SIGINT. */
export async function runApp(options: RunAppOptions): Promise<void> {
  let env: LedgerEnv;
  try {
    env = loadEnv();
    assertDataDirWritable(env.dataDir);
  } catch (error) {
    if (!(error instanceof InvalidConfigurationError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  const app = await createHttpApp(options.module(env), env, options);
  const logger = new Logger(options.service);
  stopOnSignals(app, logger);
  if (options.bootstrapAdmin) {
    const { file, created } = await ensureBootstrapAdminKey(env.dataDir, app.get(ApiKeyService));
    logger.log(created ? `bootstrap admin key written to ${file} (mode 0600)` : `admin key file: ${file}`);
  }
  await app.listen(env.port, env.host);
  // Keep idle client connections longer than the clients' and proxies' own idle timers (60 s is
  // common): with Node's 5 s, a busy server closes a kept-alive connection just as a client
  // sends its next batch on it, and the client sees a reset instead of an answer.
  const server = app.getHttpServer() as Server;
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  const url = await app.getUrl();
  logger.log({ eventStore: redact(env.eventStore), readStore: redact(env.readStore), bus: redact(env.bus) }, `${options.service} listening on ${url} (OpenAPI at ${url}/docs)`);
}

/**
 * SIGTERM or SIGINT closes the app (hooks, HTTP, engines) and exits 0, or exits 1 once
 * SHUTDOWN_TIMEOUT_MS have passed: kafkajs alone would retry an absent broker for over a
 * minute. What was acknowledged is durable already; an uncommitted Kafka offset is
 * simply delivered again after restart.
 */
function stopOnSignals(app: INestApplication, logger: Logger): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: shutting down (at most ${SHUTDOWN_TIMEOUT_MS} ms)`);
    const deadline = setTimeout(() => {
      logger.error(`shutdown did not finish within ${SHUTDOWN_TIMEOUT_MS} ms; exiting now`);
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    // Only bounds the wait: an app that finishes first exits without it.
    deadline.unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

/** Hides passwords in connection URLs before they reach a log line. */
function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
