import { LedgerError } from '@app/contracts';

export class UnauthenticatedError extends LedgerError {
  constructor(message = 'a valid API key is required: Authorization: Bearer <key>') {
    super('AUTH.UNAUTHENTICATED', message);
  }
}

/** Refused without saying whether the target exists (docs/architecture.md, Security model). */
export class ForbiddenError extends LedgerError {
  constructor(message = 'this API key is not allowed to do that') {
    super('AUTH.FORBIDDEN', message);
  }
}
