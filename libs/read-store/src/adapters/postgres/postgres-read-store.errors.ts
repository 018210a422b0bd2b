import { LedgerError } from '@app/contracts';

/** The PostgreSQL server cannot be reached or refused the session for now; trying again can succeed. */
export class ReadStoreUnavailableError extends LedgerError {
  constructor(message: string) {
    super('READ_STORE.UNAVAILABLE', message, true);
  }
}

/** A name that cannot be used as a PostgreSQL schema or document field. */
export class ReadStoreInvalidNameError extends LedgerError {
  constructor(what: 'schema' | 'field', name: string) {
    super('READ_STORE.INVALID_NAME', `invalid ${what} name "${name}"`);
  }
}

// Node socket failures, and SQLSTATE classes 08 (connection), 53300 (too many connections),
// 57P01-57P03 (server shutting down or starting): all pass once the server is back.
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);
const SQLSTATES = new Set(['53300', '57P01', '57P02', '57P03']);
const POOL_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/;

/** Turns a transient pg failure into our retriable error; anything else is returned unchanged. */
export function translatePgError(error: unknown): unknown {
  // Duck-typed, not instanceof: socket errors come from Node's own realm, which differs
  // from the caller's under test runners that sandbox modules.
  if (typeof error !== 'object' || error === null) return error;
  const { code, message } = error as { code?: unknown; message?: unknown };
  const transient =
    (typeof code === 'string' && (NETWORK_CODES.has(code) || SQLSTATES.has(code) || code.startsWith('08'))) ||
    (typeof message === 'string' && POOL_MESSAGES.test(message));
  return transient ? new ReadStoreUnavailableError(`read store unavailable: ${String(message)}`) : error;
}
