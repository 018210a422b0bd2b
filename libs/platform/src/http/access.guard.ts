import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { normalizeIp } from '@nestjs/throttler';
import type { Response } from 'express';
import { AuthenticatedRequest, AuthGuard, UnauthenticatedError } from '@app/auth';
import { LedgerError } from '@app/contracts';
import { LedgerEnv } from '../config/env';
import { LEDGER_ENV } from '../config/env.tokens';
import { RateLimiter } from './rate-limiter';

/** 429 as problem+json; the guard sets `Retry-After` on the response before throwing it. */
export class RateLimitedError extends LedgerError {
  constructor(message: string) {
    super('RATE_LIMITED', message, true);
  }
}

/**
 * The one global guard: authenticate, then count. Counting only after authentication means a
 * request can be charged only to a principal that proved it holds the key's secret, so nobody
 * can exhaust someone else's limit by sending its key id with a wrong secret. Failed
 * authentications are counted per client address in a separate, stricter bucket; public
 * routes are counted per address.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly limiter = new RateLimiter(60_000);

  constructor(
    private readonly auth: AuthGuard,
    @Inject(LEDGER_ENV) private readonly env: LedgerEnv,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const req = http.getRequest<AuthenticatedRequest>();
    const res = http.getResponse<Response>();
    try {
      await this.auth.canActivate(context);
    } catch (error) {
      if (error instanceof UnauthenticatedError) {
        this.count(res, `auth-failure:${this.address(req)}`, this.env.authFailuresPerMinute, false, 'too many failed authentications from this address');
      } else if (req.principal) {
        // Refused after authentication (wrong role or scope): still the principal's request.
        this.count(res, `key:${req.principal.keyId}`, this.env.rateLimitPerMinute, true, 'rate limit exceeded for this API key');
      }
      throw error;
    }
    if (req.principal) this.count(res, `key:${req.principal.keyId}`, this.env.rateLimitPerMinute, true, 'rate limit exceeded for this API key');
    else this.count(res, `ip:${this.address(req)}`, this.env.rateLimitPerMinute, true, 'rate limit exceeded for this address');
    return true;
  }

  private count(res: Response, bucket: string, limit: number, advertise: boolean, message: string): void {
    const decision = this.limiter.hit(bucket, limit);
    if (advertise) {
      res.setHeader('X-RateLimit-Limit', decision.limit);
      res.setHeader('X-RateLimit-Remaining', decision.remaining);
      res.setHeader('X-RateLimit-Reset', decision.resetSeconds);
    }
    if (decision.allowed) return;
    res.setHeader('Retry-After', decision.resetSeconds);
    throw new RateLimitedError(`${message}; retry after ${decision.resetSeconds} s`);
  }

  private address(req: AuthenticatedRequest): string {
    // Without `trust proxy` this is the socket's peer; IPv6 clients count per /64, as one host usually holds a whole prefix.
    return normalizeIp(req.ip ?? req.socket.remoteAddress ?? 'unknown');
  }
}
