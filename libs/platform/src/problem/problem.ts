import { FieldError, LedgerError } from '@app/contracts';

/** RFC 9457 problem details, with the offending fields named in `errors`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemType(code: string): string {
  return `urn:credential-ledger:problem:${code.toLowerCase().replace(/[^a-z0-9.]+/g, '-')}`;
}

/** The request was malformed or failed validation. */
export class RequestValidationError extends LedgerError {
  constructor(readonly errors: FieldError[], message = 'the request is invalid') {
    super('REQUEST.INVALID', message);
  }
}

/** The request conflicts with what is stored (409); `details.errors` names the offending fields. */
export class ConflictError extends LedgerError {
  constructor(code: string, message: string, details?: { errors?: FieldError[] } & Record<string, unknown>) {
    super(code, message, false, details);
  }
}
