import { randomUUID } from 'node:crypto';
import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { RequestContext } from '@app/contracts';
import { AuthenticatedRequest } from './auth.guard';
import { UnauthenticatedError } from './auth.errors';
import { actorOf, Principal } from './principal';

const CORRELATION = /^[A-Za-z0-9._:-]{1,100}$/;

/** The request's context for event metadata: actor from the API key, correlation id from `X-Correlation-Id`. */
export function httpContext(req: AuthenticatedRequest): RequestContext & { principal: Principal } {
  if (!req.principal) throw new UnauthenticatedError();
  const header = req.headers['x-correlation-id'];
  const correlationId = typeof header === 'string' && CORRELATION.test(header) ? header : randomUUID();
  return { principal: req.principal, actor: actorOf(req.principal), channel: 'http', correlationId, now: new Date().toISOString() };
}

/** Injects `httpContext(req)` into a controller method. */
export const Ctx = createParamDecorator((_: unknown, context: ExecutionContext) => httpContext(context.switchToHttp().getRequest()));
