import { resolve } from 'node:path';
import { EventStore } from './event-store.port';

/**
 * Opens the event store named by a URL (docs/architecture.md, Engines):
 * `sqlite:./data/events.db`, `esdb://host:2113?tls=false` (also `kurrentdb://`) or
 * `postgres://user@host/db[?schema=name]`.
 * Adapters load lazily so a vendor SDK is only required when configured.
 */
export async function openEventStore(url: string): Promise<EventStore> {
  if (url.startsWith('sqlite:')) {
    const { SqliteEventStore } = await import('./adapters/sqlite');
    const file = url.slice('sqlite:'.length);
    return new SqliteEventStore(file === ':memory:' ? file : resolve(file));
  }
  if (/^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover|kurrent):\/\//.test(url)) {
    const { EventStoreDbEventStore } = await import('./adapters/eventstoredb');
    return EventStoreDbEventStore.connect(url);
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    const { PostgresEventStore } = await import('./adapters/postgres');
    // `?schema=name` keeps several ledgers (or test runs) apart in one database.
    return PostgresEventStore.connect(url);
  }
  throw new Error(`EVENT_STORE: unsupported URL scheme in "${url}" (use sqlite:<file>, esdb://host:port or postgres://…)`);
}
