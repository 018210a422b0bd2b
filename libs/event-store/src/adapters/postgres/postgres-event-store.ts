import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { Pool, PoolClient, QueryResultRow } from 'pg';
import { AnyEvent, fromStorage, RecordedEvent } from '@app/contracts';
import {
  AppendOutcome, AppendRequest, AppendResult, BatchHandler, EventStore, ReadAllOptions, ReadStreamOptions,
  StreamEnd, SubscribeOptions, Subscription,
} from '../../event-store.port';
import { PollingSubscriptions } from '../../polling-subscription';
import { KnownEvent, planAppends, settle } from './append-plan';
import { migrate } from './migration-runner';
import { NotifySignal } from './notify-signal';
import { EventStoreInvalidSchemaError, translatePgError } from './postgres-event-store.errors';
import { inTransaction, quoteIdent } from './pg-session';

export interface PostgresEventStoreOptions {
  /** Schema holding the tables, created if missing; defaults to the session's current schema (usually `public`). */
  schema?: string;
  /** Pool size; defaults to 10. */
  maxConnections?: number;
  /** How long to wait for a connection before failing with a retriable error; defaults to 10 s. */
  connectTimeoutMs?: number;
  /** How often a subscription reads the log when no NOTIFY woke it (a safety net); defaults to 1000 ms. */
  pollIntervalMs?: number;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
/** First key of the advisory lock every append of one schema takes (the second is the schema's hash). */
export const APPEND_LOCK = 0x45530002;

interface Row {
  position: string;
  stream_id: string;
  revision: string;
  type: string;
  data: unknown;
  metadata: RecordedEvent['metadata'];
}

/**
 * Event store on PostgreSQL: one `events` table, streams by (stream_id, revision), the
 * global log by `position`.
 *
 * Global order. A reader following `position > checkpoint` must never see an event whose
 * position is above one that is not yet visible but will commit later, or it skips that
 * one for good. Positions handed out by a sequence alone do not promise it: two
 * transactions take 10 and 11, the one with 11 commits first, a reader moves past 10. So
 * every append transaction first takes one transaction-scoped advisory lock per schema,
 * then takes its positions, and holds the lock until it has committed: PostgreSQL makes a
 * transaction visible (ProcArrayEndTransaction) before it releases its locks, so the next
 * writer can take positions only after every lower one is visible, and any snapshot holds
 * a prefix of the log. The price is one writer at a time per schema, across processes. An
 * append is 4 round trips (BEGIN with the lock, look-up, insert, NOTIFY with COMMIT), and a
 * call of appendMany is one transaction, so a batch of 1,000 credentials costs one turn of
 * the lock; most of the turn is the insert itself, and `npm run bench` (pg-ingest) puts the
 * result beside PostgreSQL's own COPY of the same rows. The alternative, reading only below a watermark of in-flight transactions (xid8 columns and
 * pg_snapshot_xmin), lets writers overlap but is sound only if positions follow transaction
 * ids, which a sequence does not guarantee either; it would need a composite position the
 * port does not have.
 *
 * Subscriptions read the log by position (PollingSubscription) and are woken by LISTEN on
 * the schema's channel, which every append NOTIFYs as it commits; an idle subscription
 * still reads every poll interval, the safety net for a dropped LISTEN connection.
 */
export class PostgresEventStore implements EventStore {
  private readonly logger = new Logger(PostgresEventStore.name);
  private readonly subscriptions: PollingSubscriptions;
  private readonly signal: NotifySignal;
  private readonly sql: ReturnType<typeof statements>;

  private constructor(
    private readonly pool: Pool,
    url: string,
    readonly schema: string,
    lockKey: number,
    options: PostgresEventStoreOptions,
  ) {
    const channel = `ledger_events_${createHash('sha256').update(schema).digest('hex').slice(0, 16)}`;
    this.sql = statements(quoteIdent(schema), channel, lockKey);
    this.subscriptions = new PollingSubscriptions((after, max) => this.readAll({ after, maxCount: max }), options.pollIntervalMs ?? 1000);
    this.signal = new NotifySignal(url, channel, this.subscriptions.signal);
    // Without a listener, an idle client losing its connection would crash the process;
    // the pool drops that client and the next query opens a fresh one.
    pool.on('error', (error) => this.logger.warn({ err: error.message }, 'idle PostgreSQL connection failed; it will be replaced'));
  }

  /** Opens a pool on `url` (`?schema=` may name the schema) and applies pending migrations before returning. */
  static async connect(url: string, options: PostgresEventStoreOptions = {}): Promise<PostgresEventStore> {
    const parsed = new URL(url);
    const schema = options.schema ?? parsed.searchParams.get('schema') ?? undefined;
    parsed.searchParams.delete('schema');
    if (schema !== undefined && !NAME.test(schema)) throw new EventStoreInvalidSchemaError(schema);
    const connectionString = parsed.toString();
    const pool = new Pool({
      connectionString,
      max: options.maxConnections ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
      application_name: 'credential-ledger-event-store',
      // A session that stalls while holding the append lock (a hung client) would stop every
      // writer: the server ends it instead, rolling back what it had not committed.
      idle_in_transaction_session_timeout: 60_000,
    });
    try {
      const resolved = schema ?? (await pool.query<{ s: string | null }>('SELECT current_schema() AS s')).rows[0].s ?? 'public';
      await migrate(pool, resolved);
      const { rows } = await pool.query<{ k: number }>('SELECT hashtext($1) AS k', [`event-store-append:${resolved}`]);
      return new PostgresEventStore(pool, connectionString, resolved, rows[0].k, options);
    } catch (error) {
      await pool.end();
      throw translatePgError(error);
    }
  }

  async append(request: AppendRequest<AnyEvent>): Promise<AppendResult> {
    const [outcome] = await this.appendMany([request]);
    if (!outcome.ok) throw outcome.error;
    return outcome.result;
  }

  /** One transaction for the whole call: each request is judged on its own, the kept ones are durable together. */
  async appendMany(requests: AppendRequest<AnyEvent>[]): Promise<AppendOutcome[]> {
    return this.write(requests, false);
  }

  /** One transaction, and nothing of it is kept when one request fails: that request's error is thrown. */
  async appendAll(requests: AppendRequest<AnyEvent>[]): Promise<AppendResult[]> {
    const outcomes = await this.write(requests, true);
    return outcomes.map((o) => (o as { ok: true; result: AppendResult }).result);
  }

  private async write(requests: AppendRequest<AnyEvent>[], allOrNothing: boolean): Promise<AppendOutcome[]> {
    if (requests.length === 0) return [];
    let wrote = false;
    const outcomes = await this.guard(() => inTransaction(this.pool, async (client) => {
      const { heads, known } = await this.lookUp(client, requests);
      const plan = planAppends(requests, heads, known);
      const failed = allOrNothing ? plan.outcomes.find((o) => !o.ok) : undefined;
      if (failed && !failed.ok) throw failed.error;
      const positions = await this.insert(client, plan.rows);
      wrote = plan.rows.length > 0;
      return plan.outcomes.map((o) => settle(o, positions));
    }, this.sql.begin, () => (wrote ? this.sql.notifyAndCommit : 'COMMIT')));
    if (wrote) this.subscriptions.appended();
    return outcomes;
  }

  /** Under the append lock: the last revision of every stream involved, and every event id already stored. */
  private async lookUp(client: PoolClient, requests: AppendRequest<AnyEvent>[]) {
    const streams = [...new Set(requests.map((r) => r.streamId))];
    const ids = [...new Set(requests.flatMap((r) => r.events.map((e) => e.metadata.eventId)))];
    const { rows } = await client.query<{ k: 'h' | 'e'; stream_id: string; revision: string; position: string | null; event_id: string | null; type: string | null; fp: string | null }>(
      this.sql.lookUp, [streams, ids],
    );
    const heads = new Map<string, number>();
    const known = new Map<string, KnownEvent>();
    for (const r of rows) {
      if (r.k === 'h') heads.set(r.stream_id, Number(r.revision));
      else known.set(r.event_id!, { streamId: r.stream_id, revision: Number(r.revision), position: Number(r.position), type: r.type!, fingerprint: r.fp });
    }
    return { heads, known };
  }

  /** One statement for all new rows; positions are taken in row order, under the lock. */
  private async insert(client: PoolClient, rows: ReturnType<typeof planAppends>['rows']): Promise<number[]> {
    if (rows.length === 0) return [];
    // One JSON document for all rows: no array literals to escape, and json_to_recordset hands each
    // body on as the very text JSON.stringify wrote, the same text the SQLite adapter stores.
    const payload = JSON.stringify(rows.map((r) => ({ s: r.streamId, r: r.revision, e: r.eventId, t: r.type, d: r.data, m: r.metadata })));
    const { rows: inserted } = await client.query<{ position: string; event_id: string }>(this.sql.insert, [payload]);
    const byId = new Map(inserted.map((r) => [r.event_id, Number(r.position)]));
    return rows.map((r) => byId.get(r.eventId)!);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const max = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const rows = options.direction === 'backwards'
      ? await this.query<Row>(this.sql.backwards, [streamId, options.fromRevision ?? Number.MAX_SAFE_INTEGER, max])
      : await this.query<Row>(this.sql.forwards, [streamId, options.fromRevision ?? 0, max]);
    return rows.map(toRecorded);
  }

  async streamEnd(streamId: string): Promise<StreamEnd | undefined> {
    const [row] = await this.query<{ revision: string | number; position: string | number }>(this.sql.end, [streamId]);
    return row && { revision: Number(row.revision), position: Number(row.position) };
  }

  async knownEventIds(eventIds: readonly string[]): Promise<Set<string>> {
    if (eventIds.length === 0) return new Set();
    return new Set((await this.query<{ event_id: string }>(this.sql.known, [[...new Set(eventIds)]])).map((r) => r.event_id));
  }

  async readStreams(streamIds: string[]): Promise<Map<string, RecordedEvent[]>> {
    const out = new Map<string, RecordedEvent[]>(streamIds.map((id) => [id, []]));
    if (streamIds.length === 0) return out;
    for (const row of await this.query<Row>(this.sql.streams, [[...new Set(streamIds)]])) out.get(row.stream_id)!.push(toRecorded(row));
    return out;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const rows = await this.query<Row>(this.sql.all, [options.after ?? 0, options.maxCount ?? 1000]);
    return options.stored ? rows.map(toStored) : rows.map(toRecorded);
  }

  async headPosition(): Promise<number> {
    const [row] = await this.query<{ p: string | null }>(this.sql.head, []);
    return Number(row?.p ?? 0);
  }

  subscribeToAll(after: number, handler: BatchHandler, options: SubscribeOptions = {}): Subscription {
    this.signal.start();
    return this.subscriptions.open(after, handler, options, async () => {
      if (this.subscriptions.size === 0) await this.signal.stop();
    });
  }

  async close(): Promise<void> {
    await this.subscriptions.stopAll();
    await this.signal.stop();
    await this.pool.end();
  }

  private async query<R extends QueryResultRow>(sql: string, params: unknown[]): Promise<R[]> {
    return this.guard(async () => (await this.pool.query<R>(sql, params)).rows);
  }

  /** Vendor failures leave the adapter as our errors (retriable ones marked so). */
  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw translatePgError(error);
    }
  }
}

function statements(schema: string, channel: string, lockKey: number) {
  const events = `${schema}.events`;
  const cols = 'position, stream_id, revision, type, data, metadata';
  return {
    // Simple-protocol strings (no parameters): the lock rides on BEGIN's round trip, NOTIFY on COMMIT's.
    begin: `BEGIN; SELECT pg_advisory_xact_lock(${APPEND_LOCK}, ${lockKey})`,
    notifyAndCommit: `NOTIFY ${quoteIdent(channel)}; COMMIT`,
    // Each head is one step down the (stream_id, revision) index, however long the stream.
    lookUp: `SELECT 'h' AS k, s.stream_id, h.revision, NULL::bigint AS position, NULL::text AS event_id, NULL::text AS type, NULL::text AS fp
               FROM unnest($1::text[]) AS s (stream_id)
               CROSS JOIN LATERAL (SELECT revision FROM ${events} WHERE stream_id = s.stream_id ORDER BY revision DESC LIMIT 1) h
             UNION ALL
             SELECT 'e', stream_id, revision, position, event_id, type, metadata ->> 'requestFingerprint'
               FROM ${events} WHERE event_id = ANY($2::text[])`,
    insert: `INSERT INTO ${events} (stream_id, revision, event_id, type, data, metadata)
             SELECT s, r, e, t, d, m
               FROM ROWS FROM (json_to_recordset($1::json) AS (s text, r bigint, e text, t text, d json, m json)) WITH ORDINALITY AS x (s, r, e, t, d, m, n)
              ORDER BY n
             RETURNING position, event_id`,
    forwards: `SELECT ${cols} FROM ${events} WHERE stream_id = $1 AND revision >= $2 ORDER BY revision ASC LIMIT $3`,
    backwards: `SELECT ${cols} FROM ${events} WHERE stream_id = $1 AND revision <= $2 ORDER BY revision DESC LIMIT $3`,
    end: `SELECT revision, position FROM ${events} WHERE stream_id = $1 ORDER BY revision DESC LIMIT 1`,
    streams: `SELECT ${cols} FROM ${events} WHERE stream_id = ANY($1::text[]) ORDER BY stream_id, revision`,
    known: `SELECT event_id FROM ${events} WHERE event_id = ANY($1::text[])`,
    all: `SELECT ${cols} FROM ${events} WHERE position > $1 ORDER BY position ASC LIMIT $2`,
    head: `SELECT max(position) AS p FROM ${events}`,
  };
}

/** The row as appended: the body is not passed through the upcasters. */
function toStored(row: Row): RecordedEvent {
  return { streamId: row.stream_id, revision: Number(row.revision), position: Number(row.position), type: row.type, data: row.data, metadata: row.metadata } as RecordedEvent;
}

function toRecorded(row: Row): RecordedEvent {
  return { streamId: row.stream_id, revision: Number(row.revision), position: Number(row.position), ...fromStorage(row.type, row.data), metadata: row.metadata };
}
