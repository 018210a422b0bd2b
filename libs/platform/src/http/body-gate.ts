import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ApiKeyService, AuthenticatedRequest, bearerToken, UnauthenticatedError } from '@app/auth';
import { PROBLEM_CONTENT_TYPE } from '../problem/problem';
import { ProblemFilter } from '../problem/problem.filter';
import { AccessLimits } from './access-limits';

/** Whether the request announces a body (a length above 0, or a chunked one). */
function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

/**
 * Authenticates a request that carries a body before a byte of the body is read. Without it,
 * anyone could have the ledger read and parse bodies of up to MAX_BODY without any key, and
 * the failed-authentication limit would only refuse them after the work was done. No public
 * route takes a body, so a body without a valid key is refused here with the 401 (or 429)
 * the access guard would give; a valid key's principal is handed on, and the guard counts it.
 */
@Injectable()
export class BodyGate {
  private readonly problems = new ProblemFilter();

  constructor(
    private readonly keys: ApiKeyService,
    private readonly limits: AccessLimits,
  ) {}

  readonly handle = (req: Request, res: Response, next: NextFunction): void => {
    if (!hasBody(req)) return next();
    void this.authenticate(req as AuthenticatedRequest).then(
      () => next(),
      (error: unknown) => this.refuse(req, res, error),
    );
  };

  private async authenticate(req: AuthenticatedRequest): Promise<void> {
    const token = bearerToken(req.headers.authorization);
    if (token === undefined) throw new UnauthenticatedError();
    const checked = await this.keys.check(token);
    if (!checked.ok) throw new UnauthenticatedError(checked.message);
    req.principal = checked.principal;
  }

  private refuse(req: Request, res: Response, error: unknown): void {
    let refusal = error;
    if (error instanceof UnauthenticatedError) {
      try {
        this.limits.authFailure(req, res);
      } catch (limited) {
        refusal = limited;
      }
    }
    const problem = { ...this.problems.toProblem(refusal), instance: req.originalUrl };
    if (problem.status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
    // The body is not read: the connection is closed after the answer rather than drained.
    res.setHeader('Connection', 'close');
    res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }
}
