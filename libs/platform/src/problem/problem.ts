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

export function problemType(code: string): string {
  return `urn:credential-ledger:problem:${code.toLowerCase().replace(/[^a-z0-9.]+/g, '-')}`;
}

// Defined in contracts so that libs below the platform (auth's access routes) can refuse input too.
export { PROBLEM_CONTENT_TYPE, RequestValidationError } from '@app/contracts';

/** The request conflicts with what is stored (409); `details.errors` names the offending fields. */
export class ConflictError extends LedgerError {
  constructor(code: string, message: string, details?: { errors?: FieldError[] } & Record<string, unknown>) {
    super(code, message, false, details);
  }
}
