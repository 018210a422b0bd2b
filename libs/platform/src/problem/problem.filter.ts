import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { DomainError, FieldError, LedgerError, MAX_FIELD_ERRORS, NotFoundError } from '@app/contracts';
import { EventIdReusedError, WrongExpectedRevisionError } from '@app/event-store';
import { ConflictError, Problem, PROBLEM_CONTENT_TYPE, problemType, RequestValidationError } from './problem';

const STATUS_BY_CODE: Record<string, number> = {
  'REQUEST.INVALID': 400,
  'REQUEST.MALFORMED_JSON': 400,
  'REQUEST.TOO_LARGE': 413,
  'REQUEST.UNSUPPORTED_MEDIA_TYPE': 415,
  'AUTH.UNAUTHENTICATED': 401,
  'AUTH.FORBIDDEN': 403,
  NOT_FOUND: 404,
  'RATE_LIMITED': 429,
};

/** How long a client should wait before retrying a request refused because an engine or disk is unavailable. */
export const RETRY_AFTER_SECONDS = 5;

/** Engines down or storage full/read-only: retriable errors whose code ends in `.UNAVAILABLE`. */
function unavailable(error: LedgerError): boolean {
  return error.retriable && error.code.endsWith('.UNAVAILABLE');
}

/** Maps every error to problem+json; unknown errors become a 500 without internals. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const problem = this.toProblem(error);
    problem.instance = req?.originalUrl;
    if (problem.status >= 500) this.logger.error({ err: error, url: req?.originalUrl }, 'unhandled error');
    if (res.headersSent) return;
    if (problem.status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
    if (problem.status === 503) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  toProblem(error: unknown): Problem {
    if (error instanceof RequestValidationError) {
      const omitted = error.errors.length - MAX_FIELD_ERRORS;
      return {
        type: problemType(error.code), title: 'Invalid request', status: 400, code: error.code, detail: error.message,
        errors: error.errors.slice(0, MAX_FIELD_ERRORS), ...(omitted > 0 ? { errorsOmitted: omitted } : {}),
      };
    }
    if (error instanceof WrongExpectedRevisionError) {
      return {
        type: problemType(error.code), title: 'Concurrent modification', status: 409, code: error.code,
        detail: 'another writer changed this record first; reload and retry', currentRevision: error.currentRevision,
      };
    }
    if (error instanceof ConflictError) {
      const errors = (error.details as { errors?: FieldError[] } | undefined)?.errors;
      return { type: problemType(error.code), title: 'Conflict', status: 409, code: error.code, detail: error.message, ...(errors ? { errors } : {}) };
    }
    if (error instanceof EventIdReusedError) {
      return { type: problemType(error.code), title: 'Conflict', status: 409, code: error.code, detail: error.message };
    }
    if (error instanceof NotFoundError) {
      return { type: problemType(error.code), title: 'Not found', status: 404, code: error.code, detail: error.message };
    }
    if (error instanceof LedgerError && unavailable(error)) {
      // The store or engine named by the code refused the write or the read; nothing was
      // written, so the client can send the same request again later.
      return {
        type: problemType(error.code), title: 'Service unavailable', status: 503, code: error.code,
        // Our own storage message names the store and the fault; an engine's may name hosts.
        detail: error.code === 'STORAGE.UNAVAILABLE' ? error.message : 'a storage engine is unreachable for now; nothing was written, retry later',
        retryAfterSeconds: RETRY_AFTER_SECONDS,
      };
    }
    if (error instanceof LedgerError) {
      const status = STATUS_BY_CODE[error.code] ?? statusByShape(error);
      if (status >= 500) return internal();
      return { type: problemType(error.code), title: titleFor(status), status, code: error.code, detail: error.message };
    }
    if (error instanceof ThrottlerException) {
      return { type: problemType('RATE_LIMITED'), title: 'Too many requests', status: 429, code: 'RATE_LIMITED', detail: 'rate limit exceeded for this API key' };
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const code = status === 404 ? 'NOT_FOUND' : `HTTP.${status}`;
      return { type: problemType(code), title: titleFor(status), status, code, detail: status === 404 ? 'no such route' : error.message };
    }
    return internal();
  }
}

/** Stable code shapes: `X.NOT_FOUND` 404, `SIGNATURE.*` 403, `X.ALREADY_*`/`*EXISTS` 409, other domain refusals 422. */
function statusByShape(error: LedgerError): number {
  if (error.code.startsWith('SIGNATURE.')) return 403;
  if (!(error instanceof DomainError)) return 500;
  if (error.code.endsWith('.NOT_FOUND')) return 404;
  if (/ALREADY|EXISTS/.test(error.code)) return 409;
  return 422;
}

function internal(): Problem {
  return { type: problemType('INTERNAL'), title: 'Internal error', status: 500, code: 'INTERNAL', detail: 'the ledger could not handle this request' };
}

function titleFor(status: number): string {
  return (HttpStatus[status] ?? 'Error').toLowerCase().replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}
