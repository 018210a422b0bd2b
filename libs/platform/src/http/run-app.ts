import { DynamicModule, Logger } from '@nestjs/common';
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
  if (options.bootstrapAdmin) {
    const { file, created } = await ensureBootstrapAdminKey(env.dataDir, app.get(ApiKeyService));
    logger.log(created ? `bootstrap admin key written to ${file} (mode 0600)` : `admin key file: ${file}`);
  }
  await app.listen(env.port, env.host);
  const url = await app.getUrl();
  logger.log({ eventStore: redact(env.eventStore), readStore: redact(env.readStore), bus: redact(env.bus) }, `${options.service} listening on ${url} (OpenAPI at ${url}/docs)`);
}

/** Hides passwords in connection URLs before they reach a log line. */
function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
