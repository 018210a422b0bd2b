import type { FieldError } from './validation';

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

/**
 * Something named in the request does not exist (HTTP 404). The code is `<WHAT>.NOT_FOUND`
 * (`provider` → PROVIDER.NOT_FOUND), the same code the deciders use for the same thing.
 */
export class NotFoundError extends LedgerError {
  constructor(what: string, code = `${what.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}.NOT_FOUND`) {
    super(code, `${what} not found`);
  }
}

/** The request was malformed or failed validation (HTTP 400); `errors` names every offending field. */
export class RequestValidationError extends LedgerError {
  constructor(readonly errors: FieldError[], message = 'the request is invalid') {
    super('REQUEST.INVALID', message);
  }
}
