import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

/** The repository root, from the sources (ts-jest) or from dist/ (bench). */
const ROOT = (() => {
  let dir = resolve(__dirname, '..', '..', '..');
  if (!existsSync(join(dir, 'package.json'))) dir = resolve(dir, '..');
  return dir;
})();

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  contentType: string;
}

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const server = createServer();
    server.once('error', rej);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => res(port));
    });
  });
}

/**
 * One of the apps as a real OS process, built from dist/ (run `npm run build` first),
 * configured only through its environment, as a user would run it.
 */
/**
 * Node flags the apps run with, as `npm start` and the image start them: a young generation
 * of 64 MB semi-spaces (16 MB by default) halves the time projections spend in scavenges.
 */
export const APP_NODE_FLAGS = ['--max-semi-space-size=64'];

export class AppProcess {
  private exited: Promise<number | null>;

  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
    readonly dataDir: string,
  ) {
    this.exited = new Promise((r) => child.once('exit', (code) => r(code)));
  }

  static async start(options: { app?: string; dataDir: string; env?: Record<string, string>; logFile?: string; port?: number }): Promise<AppProcess> {
    const app = options.app ?? 'ledger';
    const main = join(ROOT, 'dist', 'apps', app, 'src', 'main.js');
    if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` before the e2e tests`);
    const port = options.port ?? (await freePort());
    const child = spawn(process.execPath, [...APP_NODE_FLAGS, '-r', join(ROOT, 'deploy', 'register-paths.js'), main], {
      cwd: ROOT,
      // Suites that count the log's writes would see the discrepancies records raises on its own: off unless a suite asks.
      // No checkpoint signed on a timer or every N events unless a test asks: "nothing written" checks compare the log head.
      env: { ...process.env, LOG_LEVEL: 'warn', RAISE_DISCREPANCIES: 'off', LEDGER_CHECKPOINT_INTERVAL_MS: '86400000', LEDGER_CHECKPOINT_EVERY: '1000000000', ...options.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: options.dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log = createWriteStream(options.logFile ?? join(options.dataDir, `${app}.log`), { flags: 'a' });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    const proc = new AppProcess(child, `http://127.0.0.1:${port}`, options.dataDir);
    await proc.waitUntilHealthy();
    return proc;
  }

  private async waitUntilHealthy(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let exited = false;
    void this.exited.then(() => (exited = true));
    while (Date.now() < deadline && !exited) {
      try {
        const res = await fetch(`${this.url}/health`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`app at ${this.url} did not become healthy (exited: ${exited}); see the log in ${this.dataDir}`);
  }

  adminKey(): string {
    return readFileSync(join(this.dataDir, 'admin.key'), 'utf8').trim();
  }

  async api<T = any>(method: string, path: string, options: { key?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.key) headers.authorization = `Bearer ${options.key}`;
    let body: string | undefined;
    if (options.raw !== undefined) body = options.raw;
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(`${this.url}${path}`, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // leave as text
    }
    return { status: res.status, body: parsed as T, contentType: res.headers.get('content-type') ?? '' };
  }

  /** Hard kill, as a crash: no shutdown hooks run. */
  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** Graceful stop; resolves with the exit code. */
  async stop(): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    this.child.kill('SIGTERM');
    return this.exited;
  }
}
