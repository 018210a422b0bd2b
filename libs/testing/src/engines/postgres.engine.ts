import { Client } from 'pg';
import { dockerAvailable } from './docker';

type Found = { url: string; source: 'env' | 'testcontainers' | 'local'; stop(): Promise<void> };

const LOCAL = 'postgres://postgres@127.0.0.1:5432/test';

/**
 * PostgreSQL for the suites (README, Tests and benchmarks): DATABASE_URL, else a testcontainer where a
 * Docker engine answers, else the machine's own server; otherwise the reason to skip.
 */
export async function startPostgres(): Promise<Found | { skipped: string }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, source: 'env', stop: async () => undefined };
  let containerFailure = '';
  if (await dockerAvailable()) {
    try {
      const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
      const container = await new PostgreSqlContainer('postgres:16-alpine').start();
      return { url: container.getConnectionUri(), source: 'testcontainers', stop: async () => void (await container.stop()) };
    } catch (error) {
      // A daemon that answers but cannot pull or run still leaves the local server to try.
      containerFailure = `; testcontainers failed: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  if (await answers(LOCAL)) return { url: LOCAL, source: 'local', stop: async () => undefined };
  return { skipped: `no DATABASE_URL, no usable Docker engine, and nothing answers at ${LOCAL}${containerFailure}` };
}

async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
