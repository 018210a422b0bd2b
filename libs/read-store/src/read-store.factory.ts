import { resolve } from 'node:path';
import { ReadStore } from './read-store.port';

/** Opens the read store a URL names: `sqlite:./data/read.db` or `postgres://…[?schema=name]` (docs/architecture.md, Engines). */
export async function openReadStore(url: string): Promise<ReadStore> {
  if (url.startsWith('sqlite:')) {
    const { SqliteReadStore } = await import('./adapters/sqlite');
    return new SqliteReadStore(resolve(url.slice('sqlite:'.length)));
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    const { PostgresReadStore } = await import('./adapters/postgres');
    // `?schema=name` keeps several ledgers (or test runs) apart in one database.
    const parsed = new URL(url);
    const schema = parsed.searchParams.get('schema') ?? undefined;
    parsed.searchParams.delete('schema');
    return PostgresReadStore.connect(parsed.toString(), { schema });
  }
  throw new Error(`READ_STORE: unsupported URL scheme in "${url}" (use sqlite:<file> or postgres://…)`);
}
