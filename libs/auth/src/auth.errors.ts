import { LedgerError } from '@app/contracts';

export class UnauthenticatedError extends LedgerError {
  constructor(message = 'a valid API key is required: Authorization: Bearer <key>') {
    super('AUTH.UNAUTHENTICATED', message);
  }
}

/** Refused without saying whether the target exists (DESIGN section 5). */
export class ForbiddenError extends LedgerError {
  constructor(message = 'this API key is not allowed to do that') {
    super('AUTH.FORBIDDEN', message);
  }
}
