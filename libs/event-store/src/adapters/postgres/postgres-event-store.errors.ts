import { LedgerError } from '@app/contracts';
import { EventStoreUnavailableError, StorageUnavailableError } from '../../event-store.errors';

/** A name that cannot be used as the event store's PostgreSQL schema. */
export class EventStoreInvalidSchemaError extends LedgerError {
  constructor(name: string) {
    super('EVENT_STORE.INVALID_SCHEMA', `invalid schema name "${name}"`);
  }
}

// Node socket failures; SQLSTATE class 08 (connection), 53300 (too many connections), 53200 (out
// of memory), 57P01-57P03 (shutting down, starting), 25006 (a read-only server: a standby after a
// failover), 40001/40P01 (serialization failure, deadlock): all can pass when tried again.
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);
const SQLSTATES = new Set(['53300', '53200', '57P01', '57P02', '57P03', '25006', '40001', '40P01']);
const POOL_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed/;

/**
 * A pg failure in our terms: a full disk on the server (53100) is the retriable
 * STORAGE.UNAVAILABLE every store uses; a transient failure the retriable
 * EVENT_STORE.UNAVAILABLE; anything else is returned unchanged so nothing is hidden.
 */
export function translatePgError(error: unknown): unknown {
  // Duck-typed, not instanceof: socket errors come from Node's own realm, which differs from
  // the caller's under test runners that sandbox modules.
  if (typeof error !== 'object' || error === null) return error;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (code === '53100') return new StorageUnavailableError('event store', 'disk full');
  const transient =
    (typeof code === 'string' && (NETWORK_CODES.has(code) || SQLSTATES.has(code) || code.startsWith('08'))) ||
    (typeof message === 'string' && POOL_MESSAGES.test(message));
  return transient ? new EventStoreUnavailableError(`event store unavailable: ${String(message)}`) : error;
}
