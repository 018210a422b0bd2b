import { Logger } from '@nestjs/common';
import { Pool, PoolClient, QueryResultRow } from 'pg';
import { FindOptions, ParkedEvent, ParkedQuery, ReadStore, ReadTx, Scalar } from '../../read-store.port';
import { migrate } from './migration-runner';
import { inPgTransaction as inTransaction, quotePgIdent as quoteIdent } from '@app/event-store';
import { ReadStoreInvalidNameError, translatePgError } from './postgres-read-store.errors';

export interface PostgresReadStoreOptions {
  /** Schema holding the tables, created if missing; defaults to the session's search_path (usually `public`). */
  schema?: string;
  /** Pool size; defaults to 10. */
  maxConnections?: number;
  /** How long to wait for a connection before failing with a retriable error; defaults to 10 s. */
  connectTimeoutMs?: number;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
/** First key of the advisory lock a transaction takes on a checkpoint it reads. */
const CHECKPOINT_LOCK = 0x52530002;

type Sql = { documents: string; checkpoints: string; parked: string };

/**
 * Read store on PostgreSQL: JSON documents in one jsonb table, checkpoints beside them.
 *
 * Transactions from one store run one after another, as the port promises. Across
 * processes, reading a checkpoint inside a transaction locks it until commit, so two
 * replicas feeding the same projection apply each batch once: the second waits, then sees
 * the first one's checkpoint.
 */
export class PostgresReadStore implements ReadStore {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly logger = new Logger(PostgresReadStore.name);
  private readonly t: Sql;
  private savepoints = 0;

  private constructor(
    private readonly pool: Pool,
    private readonly schema: string | undefined,
  ) {
    const prefix = schema === undefined ? '' : `${quoteIdent(schema)}.`;
    this.t = { documents: `${prefix}documents`, checkpoints: `${prefix}checkpoints`, parked: `${prefix}parked_events` };
    // Without a listener, an idle client losing its connection would crash the process;
    // the pool drops that client and the next query opens a fresh one.
    pool.on('error', (error) => this.logger.warn({ err: error.message }, 'idle PostgreSQL connection failed; it will be replaced'));
  }

  /** Opens a pool on `url` and applies pending migrations before returning. */
  static async connect(url: string, options: PostgresReadStoreOptions = {}): Promise<PostgresReadStore> {
    if (options.schema !== undefined && !NAME.test(options.schema)) throw new ReadStoreInvalidNameError('schema', options.schema);
    const pool = new Pool({
      connectionString: url,
      max: options.maxConnections ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
      application_name: 'credential-ledger-read-store',
    });
    const store = new PostgresReadStore(pool, options.schema);
    try {
      await migrate(pool, options.schema);
    } catch (error) {
      await pool.end();
      throw translatePgError(error);
    }
    return store;
  }

  transaction<T>(work: (tx: ReadTx) => Promise<T>): Promise<T> {
    return this.queued((client) => work(this.txOn(client)));
  }

  /** One transaction after the previous one of this store has finished. */
  private queued<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      try {
        return await inTransaction(this.pool, work);
      } catch (error) {
        throw translatePgError(error);
      }
    });
    // The queue only orders transactions; each caller still gets its own outcome from `run`.
    this.queue = run.catch(() => undefined);
    return run;
  }

  private txOn(client: PoolClient): ReadTx {
    const { documents, checkpoints, parked } = this.t;
    // Connection failures surface as our retriable error, so the projection runner retries
    // them instead of parking a good event.
    const q = async (sql: string, params: unknown[] = []) => {
      try {
        return await client.query(sql, params);
      } catch (error) {
        throw translatePgError(error);
      }
    };
    return {
      get: async <T>(collection: string, id: string) =>
        docOf<T>(await q(`SELECT doc FROM ${documents} WHERE collection = $1 AND id = $2`, [collection, id])),
      put: async (collection, id, doc) => {
        await q(
          `INSERT INTO ${documents} (collection, id, doc) VALUES ($1, $2, $3::jsonb)
           ON CONFLICT (collection, id) DO UPDATE SET doc = EXCLUDED.doc`,
          // Stringified here: pg would turn a top-level array into a PostgreSQL array literal.
          [collection, id, JSON.stringify(doc)],
        );
      },
      delete: async (collection, id) => {
        await q(`DELETE FROM ${documents} WHERE collection = $1 AND id = $2`, [collection, id]);
      },
      getCheckpoint: async (name) => {
        // A separate statement: under READ COMMITTED the SELECT then takes its snapshot after
        // the lock is granted, so it sees a checkpoint committed by the writer it waited for.
        await q('SELECT pg_advisory_xact_lock($1, hashtext($2))', [CHECKPOINT_LOCK, `${this.schema ?? ''}:${name}`]);
        return positionOf(await q(`SELECT position FROM ${checkpoints} WHERE name = $1`, [name]));
      },
      setCheckpoint: async (name, position) => {
        await q(
          `INSERT INTO ${checkpoints} (name, position) VALUES ($1, $2)
           ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position`,
          [name, position],
        );
      },
      park: async (e) => {
        await q(
          `INSERT INTO ${parked} (projection, position, event_id, type, error, parked_at) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (projection, position) DO UPDATE SET error = EXCLUDED.error, parked_at = EXCLUDED.parked_at`,
          [e.projection, e.position, e.eventId, e.type, e.error, e.parkedAt],
        );
      },
      savepoint: async <T>(work: () => Promise<T>) => {
        const name = `sp${++this.savepoints}`;
        await q(`SAVEPOINT ${name}`);
        try {
          const result = await work();
          await q(`RELEASE SAVEPOINT ${name}`);
          return result;
        } catch (error) {
          await q(`ROLLBACK TO SAVEPOINT ${name}`);
          await q(`RELEASE SAVEPOINT ${name}`);
          throw error;
        }
      },
    };
  }

  async get<T>(collection: string, id: string): Promise<T | undefined> {
    return docOf<T>(await this.query(`SELECT doc FROM ${this.t.documents} WHERE collection = $1 AND id = $2`, [collection, id]));
  }

  async getMany<T>(collection: string, ids: readonly string[]): Promise<(T | undefined)[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.query<{ id: string; doc: T }>(`SELECT id, doc FROM ${this.t.documents} WHERE collection = $1 AND id = ANY($2::text[])`, [collection, [...ids]]);
    const byId = new Map(rows.map((row) => [row.id, row.doc]));
    return ids.map((id) => byId.get(id));
  }

  async find<T>(collection: string, where: Record<string, Scalar>, options: FindOptions = {}): Promise<T[]> {
    const params: unknown[] = [collection];
    const clauses = ['collection = $1'];
    const equal: Record<string, Scalar> = {};
    for (const [field, value] of Object.entries(where)) {
      if (!NAME.test(field)) throw new ReadStoreInvalidNameError('field', field);
      if (value !== null) {
        equal[field] = value;
        continue;
      }
      // A missing field counts as null, as json_extract does in the SQLite adapter.
      params.push(field);
      clauses.push(`coalesce(doc -> $${params.length}, 'null'::jsonb) = 'null'::jsonb`);
    }
    if (Object.keys(equal).length > 0) {
      // Containment of a top-level scalar is equality, and it can use the GIN index.
      params.push(JSON.stringify(equal));
      clauses.push(`doc @> $${params.length}::jsonb`);
    }
    if (options.afterId !== undefined) {
      params.push(options.afterId);
      clauses.push(`id COLLATE "C" > $${params.length}`);
    }
    params.push(options.limit ?? 100);
    const sql = `SELECT doc FROM ${this.t.documents} WHERE ${clauses.join(' AND ')} ORDER BY id COLLATE "C" LIMIT $${params.length}`;
    const { rows } = await this.query<{ doc: T }>(sql, params);
    return rows.map((row) => row.doc);
  }

  async getCheckpoint(name: string): Promise<number> {
    return positionOf(await this.query(`SELECT position FROM ${this.t.checkpoints} WHERE name = $1`, [name]));
  }

  async listParked(query: ParkedQuery = {}): Promise<ParkedEvent[]> {
    const { rows } = await this.query<{ projection: string; position: string; event_id: string; type: string; error: string; parked_at: Date }>(
      `SELECT * FROM ${this.t.parked} WHERE ($1::text IS NULL OR projection = $1) AND position > $2
       ORDER BY position, projection LIMIT $3`,
      [query.projection ?? null, query.afterPosition ?? 0, query.limit ?? 100],
    );
    return rows.map((r) => ({
      projection: r.projection, position: Number(r.position), eventId: r.event_id, type: r.type, error: r.error, parkedAt: r.parked_at.toISOString(),
    }));
  }

  async countParked(): Promise<Record<string, number>> {
    const { rows } = await this.query<{ projection: string; n: string }>(`SELECT projection, count(*) AS n FROM ${this.t.parked} GROUP BY projection`, []);
    return Object.fromEntries(rows.map((r) => [r.projection, Number(r.n)]));
  }

  async reset(collections: string[], checkpoint: string): Promise<void> {
    await this.queued(async (client) => {
      await client.query(`DELETE FROM ${this.t.documents} WHERE collection = ANY($1::text[])`, [collections]);
      await client.query(`DELETE FROM ${this.t.checkpoints} WHERE name = $1`, [checkpoint]);
      await client.query(`DELETE FROM ${this.t.parked} WHERE projection = $1`, [checkpoint]);
    });
  }

  async close(): Promise<void> {
    await this.queue;
    await this.pool.end();
  }

  private async query<R extends QueryResultRow>(sql: string, params: unknown[]) {
    try {
      return await this.pool.query<R>(sql, params);
    } catch (error) {
      throw translatePgError(error);
    }
  }
}

function docOf<T>(result: { rows: { doc: unknown }[] }): T | undefined {
  return result.rows.length === 0 ? undefined : (result.rows[0].doc as T);
}

/** pg returns bigint as a string; positions stay below 2^53, so a JS number holds them exactly. */
function positionOf(result: { rows: { position: string | number }[] }): number {
  if (result.rows.length === 0) return 0;
  const position = Number(result.rows[0].position);
  if (!Number.isSafeInteger(position)) throw new RangeError(`checkpoint position ${result.rows[0].position} exceeds 2^53`);
  return position;
}
