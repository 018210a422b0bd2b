import Database from 'better-sqlite3';
import { AnyEvent, fromStorage, RecordedEvent } from '@app/contracts';
import { EventIdReusedError, WrongExpectedRevisionError } from '../../event-store.errors';
import { assertSameRequest } from '../../idempotency';
import {
  AppendOutcome, AppendRequest, AppendResult, BatchHandler, EventStore, ReadAllOptions, ReadStreamOptions,
  StreamEnd, SubscribeOptions, Subscription,
} from '../../event-store.port';
import { PollingSubscriptions } from '../../polling-subscription';
import { prepareSqliteFile, secureSidecars, SQLITE_CACHE_KIB, StorageHealth, translateStorageError, WalCheckpointer, WriteFaults, WRITER_AUTOCHECKPOINT_PAGES } from '../../storage';

interface Row {
  position: number;
  stream_id: string;
  revision: number;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position  INTEGER PRIMARY KEY AUTOINCREMENT,
  stream_id TEXT    NOT NULL,
  revision  INTEGER NOT NULL,
  event_id  TEXT    NOT NULL UNIQUE,
  type      TEXT    NOT NULL,
  data      TEXT    NOT NULL,
  metadata  TEXT    NOT NULL,
  UNIQUE (stream_id, revision)
);`;

export interface SqliteEventStoreOptions {
  /** How often a subscription looks for appends made by other processes sharing the file. */
  pollIntervalMs?: number;
}

/**
 * Statements are prepared once per connection and never left to the garbage collector:
 * better-sqlite3 12 (the line that still runs on Node 20) aborts the process on Node 24
 * when it finalizes a collected statement (its ObjectWrap destructor runs without an
 * Environment). Version 13 fixes that but needs Node 22.
 *
 * Event store on one SQLite file (WAL). Each append call is one IMMEDIATE transaction
 * with synchronous=FULL, so an acknowledged append survives a process kill and a power
 * loss. Several processes may share the file; SQLite serialises their writers.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly subscriptions: PollingSubscriptions;
  private readonly stmt: ReturnType<SqliteEventStore['prepare']>;
  private readonly faults = new WriteFaults('event store');
  private readonly checkpointer: WalCheckpointer;

  constructor(
    readonly file: string,
    private readonly options: SqliteEventStoreOptions = {},
  ) {
    prepareSqliteFile(file);
    this.db = new Database(file);
    // exec, not pragma(): every statement object lives as long as the connection (see below).
    this.db.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000; PRAGMA cache_size = ${SQLITE_CACHE_KIB}; PRAGMA wal_autocheckpoint = ${WRITER_AUTOCHECKPOINT_PAGES};`);
    this.db.exec(SCHEMA);
    this.checkpointer = new WalCheckpointer(file);
    secureSidecars(file);
    this.stmt = this.prepare();
    // Writers commit one at a time, so each read is a final prefix of the log: the groups share their reads.
    this.subscriptions = new PollingSubscriptions((after, max) => this.readAll({ after, maxCount: max }), options.pollIntervalMs ?? 200, { window: 20_000 });
  }

  private prepare() {
    const db = this.db;
    return {
      head: db.prepare<[string], { revision: number | null }>('SELECT max(revision) AS revision FROM events WHERE stream_id = ?'),
      byEventId: db.prepare<[string], { stream_id: string; revision: number; position: number; type: string; fingerprint: string | null }>(
        "SELECT stream_id, revision, position, type, json_extract(metadata, '$.requestFingerprint') AS fingerprint FROM events WHERE event_id = ?",
      ),
      insert: db.prepare(
        'INSERT INTO events (stream_id, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      forwards: db.prepare<[string, number, number], Row>(
        'SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC LIMIT ?',
      ),
      backwards: db.prepare<[string, number, number], Row>(
        'SELECT * FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?',
      ),
      end: db.prepare<[string], StreamEnd>('SELECT revision, position FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1'),
      all: db.prepare<[number, number], Row>('SELECT * FROM events WHERE position > ? ORDER BY position ASC LIMIT ?'),
      headPosition: db.prepare<[], { p: number | null }>('SELECT max(position) AS p FROM events'),
      known: db.prepare<[string], { event_id: string }>('SELECT event_id FROM events WHERE event_id IN (SELECT value FROM json_each(?))'),
      streams: db.prepare<[string], Row>('SELECT * FROM events WHERE stream_id IN (SELECT value FROM json_each(?)) ORDER BY stream_id, revision'),
    };
  }

  async append(request: AppendRequest<AnyEvent>): Promise<AppendResult> {
    const [outcome] = await this.appendMany([request]);
    if (!outcome.ok) throw outcome.error;
    return outcome.result;
  }

  async appendMany(requests: AppendRequest<AnyEvent>[]): Promise<AppendOutcome[]> {
    // A full or read-only disk fails the whole transaction: nothing of it is kept, and the
    // caller gets a retriable STORAGE.UNAVAILABLE instead of an unexplained 500.
    const outcomes = this.faults.run(() => this.db.transaction(() => requests.map((r) => this.appendOne(r))).immediate());
    if (outcomes.some((o) => o.ok && !o.result.duplicate)) this.subscriptions.appended();
    return outcomes;
  }

  async appendAll(requests: AppendRequest<AnyEvent>[]): Promise<AppendResult[]> {
    // Throwing inside the transaction rolls all of it back: nothing of a failed call is kept.
    const results = this.faults.run(() => this.db.transaction(() => requests.map((r) => {
      const outcome = this.appendOne(r);
      if (!outcome.ok) throw outcome.error;
      return outcome.result;
    })).immediate());
    if (results.some((r) => !r.duplicate)) this.subscriptions.appended();
    return results;
  }

  /**
   * Runs inside the caller's transaction. A request of several events gets a savepoint, so a
   * failure half-way cannot leave part of it behind; a single event is checked before it is
   * written, so it needs none.
   */
  private appendOne(request: AppendRequest<AnyEvent>): AppendOutcome {
    try {
      const result = request.events.length === 1 ? this.write(request) : this.db.transaction(() => this.write(request))();
      return { ok: true, result };
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError || error instanceof EventIdReusedError) return { ok: false, error };
      throw error;
    }
  }

  private write({ streamId, events, expectedRevision }: AppendRequest<AnyEvent>): AppendResult {
    const current = this.stmt.head.get(streamId)?.revision ?? -1;
    const duplicate = this.findDuplicate(streamId, events);
    if (duplicate) return duplicate;
    if (expectedRevision === 'no-stream' ? current !== -1 : typeof expectedRevision === 'number' && current !== expectedRevision) {
      throw new WrongExpectedRevisionError(streamId, expectedRevision, current);
    }
    const positions: number[] = [];
    const revisions: number[] = [];
    let revision = current;
    for (const e of events) {
      revision += 1;
      const info = this.stmt.insert.run(streamId, revision, e.metadata.eventId, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata));
      positions.push(Number(info.lastInsertRowid));
      revisions.push(revision);
    }
    return { streamId, nextRevision: revision, positions, revisions, duplicate: false };
  }

  /** Same events already in this stream: the earlier result. Some, elsewhere or for another request: an error. */
  private findDuplicate(streamId: string, events: AppendRequest<AnyEvent>['events']): AppendResult | undefined {
    const eventIds = events.map((e) => e.metadata.eventId);
    const found = eventIds.map((id) => this.stmt.byEventId.get(id));
    if (found.every((f) => f === undefined)) return undefined;
    const bad = found.findIndex((f) => f === undefined || f.stream_id !== streamId);
    if (bad >= 0) throw new EventIdReusedError(eventIds[found[bad] ? bad : found.findIndex((f) => f !== undefined)]);
    const hits = found as { revision: number; position: number; type: string; fingerprint: string | null }[];
    hits.forEach((h, k) => assertSameRequest({ eventId: eventIds[k], type: h.type, requestFingerprint: h.fingerprint }, events[k]));
    const head = this.stmt.head.get(streamId)?.revision ?? -1;
    return { streamId, nextRevision: head, positions: hits.map((h) => h.position), revisions: hits.map((h) => h.revision), duplicate: true };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return this.reading(() => this.readStreamNow(streamId, options));
  }

  private readStreamNow(streamId: string, options: ReadStreamOptions): RecordedEvent[] {
    const max = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const rows =
      options.direction === 'backwards'
        ? this.stmt.backwards.all(streamId, options.fromRevision ?? Number.MAX_SAFE_INTEGER, max)
        : this.stmt.forwards.all(streamId, options.fromRevision ?? 0, max);
    return rows.map(toRecorded);
  }

  async streamEnd(streamId: string): Promise<StreamEnd | undefined> {
    return this.reading(() => this.stmt.end.get(streamId));
  }

  async knownEventIds(eventIds: readonly string[]): Promise<Set<string>> {
    if (eventIds.length === 0) return new Set();
    return new Set(this.reading(() => this.stmt.known.all(JSON.stringify(eventIds))).map((r) => r.event_id));
  }

  async readStreams(streamIds: string[]): Promise<Map<string, RecordedEvent[]>> {
    const out = new Map<string, RecordedEvent[]>(streamIds.map((id) => [id, []]));
    // One query for the whole list (a JSON array parameter) instead of a query per stream.
    for (const row of this.reading(() => this.stmt.streams.all(JSON.stringify(streamIds)))) out.get(row.stream_id)!.push(toRecorded(row));
    return out;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const rows = this.reading(() => this.stmt.all.all(options.after ?? 0, options.maxCount ?? 1000));
    return options.stored ? rows.map(toStored) : rows.map(toRecorded);
  }

  async headPosition(): Promise<number> {
    return this.reading(() => this.stmt.headPosition.get()?.p ?? 0);
  }

  storageHealth(): StorageHealth {
    return this.faults.health();
  }

  /** Reads fail only on I/O faults (a vanished or unreadable file): the same retriable error as writes. */
  private reading<T>(read: () => T): T {
    try {
      return read();
    } catch (error) {
      throw translateStorageError('event store', error);
    }
  }

  subscribeToAll(after: number, handler: BatchHandler, options: SubscribeOptions = {}): Subscription {
    return this.subscriptions.open(after, handler, options);
  }

  async close(): Promise<void> {
    await this.subscriptions.stopAll();
    await this.checkpointer.stop();
    if (this.db.open) this.db.close();
  }
}

/** The row as appended: the body is not passed through the upcasters. */
function toStored(row: Row): RecordedEvent {
  return { streamId: row.stream_id, revision: row.revision, position: row.position, type: row.type, data: JSON.parse(row.data), metadata: JSON.parse(row.metadata) } as RecordedEvent;
}

function toRecorded(row: Row): RecordedEvent {
  return {
    streamId: row.stream_id,
    revision: row.revision,
    position: row.position,
    ...fromStorage(row.type, JSON.parse(row.data)),
    metadata: JSON.parse(row.metadata),
  };
}
