import { Pool, PoolClient, types } from 'pg';
import { FindOptions, ReadStore, ReadTx, Scalar } from '../../read-store.port';
import { MIGRATIONS } from './migrations';

// Checkpoints are bigint columns; global positions stay far below 2^53, so numbers are exact.
types.setTypeParser(types.builtins.INT8, (value) => Number(value));

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
/** Arbitrary constant: serialises migrations of every process sharing the database. */
const MIGRATION_LOCK = 0x1ed6e5;

/**
 * Read store on PostgreSQL: JSON documents in a jsonb column, checkpoints beside them,
 * both written in one transaction. Versioned migrations run under an advisory lock, so
 * replicas starting together are safe.
 */
export class PostgresReadStore implements ReadStore {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly pool: Pool,
    private readonly schema: string,
  ) {}

  static async connect(url: string, options: { schema?: string } = {}): Promise<PostgresReadStore> {
    const schema = options.schema ?? 'public';
    if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name ${schema}`);
    const pool = new Pool({ connectionString: url, max: 10, options: `-c search_path=${schema}` });
    pool.on('error', () => undefined); // idle-client errors surface on the next query instead
    const store = new PostgresReadStore(pool, schema);
    try {
      await store.migrate();
    } catch (error) {
      await pool.end();
      throw error;
    }
    return store;
  }

  private async migrate(): Promise<void> {
    await this.inTransaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
      const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
      const applied = new Set(rows.map((r) => r.version));
      for (const m of MIGRATIONS) {
        if (applied.has(m.version)) continue;
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      }
    });
  }

  private async inTransaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * Transactions of one store run one after another, as the port promises: a projection's
   * read-modify-write never interleaves with another batch of the same process.
   */
  transaction<T>(work: (tx: ReadTx) => Promise<T>): Promise<T> {
    const run = this.queue.then(() => this.inTransaction((client) => work(txOn(client))));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async get<T>(collection: string, id: string): Promise<T | undefined> {
    return txOn(this.pool).get<T>(collection, id);
  }

  async find<T>(collection: string, where: Record<string, Scalar>, options: FindOptions = {}): Promise<T[]> {
    const params: unknown[] = [collection];
    const clauses = ['collection = $1'];
    const equal = Object.fromEntries(Object.entries(where).filter(([, v]) => v !== null));
    if (Object.keys(equal).length) {
      params.push(JSON.stringify(equal));
      clauses.push(`doc @> $${params.length}::jsonb`);
    }
    for (const [field, value] of Object.entries(where)) {
      if (value !== null) continue;
      params.push(field);
      clauses.push(`coalesce(doc -> $${params.length}, 'null'::jsonb) = 'null'::jsonb`);
    }
    if (options.afterId !== undefined) {
      params.push(options.afterId);
      clauses.push(`id > $${params.length}`);
    }
    params.push(options.limit ?? 100);
    const { rows } = await this.pool.query<{ doc: T }>(`SELECT doc FROM documents WHERE ${clauses.join(' AND ')} ORDER BY id COLLATE "C" LIMIT $${params.length}`, params);
    return rows.map((r) => r.doc);
  }

  async getCheckpoint(name: string): Promise<number> {
    return txOn(this.pool).getCheckpoint(name);
  }

  async reset(collections: string[], checkpoint: string): Promise<void> {
    await this.inTransaction(async (client) => {
      await client.query('DELETE FROM documents WHERE collection = ANY($1)', [collections]);
      await client.query('DELETE FROM checkpoints WHERE name = $1', [checkpoint]);
    });
  }

  async close(): Promise<void> {
    await this.queue;
    await this.pool.end();
  }
}

function txOn(db: Pool | PoolClient): ReadTx {
  return {
    get: async <T>(collection: string, id: string) => {
      const { rows } = await db.query<{ doc: T }>('SELECT doc FROM documents WHERE collection = $1 AND id = $2', [collection, id]);
      return rows[0]?.doc;
    },
    put: async (collection, id, doc) => {
      await db.query(
        'INSERT INTO documents (collection, id, doc) VALUES ($1, $2, $3::jsonb) ON CONFLICT (collection, id) DO UPDATE SET doc = excluded.doc',
        [collection, id, JSON.stringify(doc)],
      );
    },
    delete: async (collection, id) => {
      await db.query('DELETE FROM documents WHERE collection = $1 AND id = $2', [collection, id]);
    },
    getCheckpoint: async (name) => {
      const { rows } = await db.query<{ position: number }>('SELECT position FROM checkpoints WHERE name = $1', [name]);
      return rows[0]?.position ?? 0;
    },
    setCheckpoint: async (name, position) => {
      await db.query('INSERT INTO checkpoints (name, position) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET position = excluded.position', [name, position]);
    },
  };
}
