/**
 * Base of every error the ledger raises on purpose: a stable `code` callers can rely on,
 * and whether trying again can succeed.
 */
export class LedgerError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retriable = false,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A domain rule refused a command (HTTP 409/422 depending on the code). */
export class DomainError extends LedgerError {}

export class NotFoundError extends LedgerError {
  constructor(what: string) {
    super('NOT_FOUND', `${what} not found`);
  }
}
