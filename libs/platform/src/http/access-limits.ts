import { Inject, Injectable } from '@nestjs/common';
import { normalizeIp } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { LedgerError } from '@app/contracts';
import { LedgerEnv } from '../config/env';
import { LEDGER_ENV } from '../config/env.tokens';
import { RateLimiter } from './rate-limiter';

/** 429 as problem+json; `Retry-After` is set on the response before it is thrown. */
export class RateLimitedError extends LedgerError {
  constructor(message: string) {
    super('RATE_LIMITED', message, true);
  }
}

/**
 * The rate limits of one process, shared by whatever refuses a request (the body gate before the
 * body is read, the access guard after): requests are counted per API key once its secret is
 * proven, failed authentications per client address in a stricter bucket, public routes per
 * address. Each method throws RateLimitedError (with Retry-After set) once its bucket is spent.
 */
@Injectable()
export class AccessLimits {
  private readonly limiter = new RateLimiter(60_000);

  constructor(@Inject(LEDGER_ENV) private readonly env: LedgerEnv) {}

  key(res: Response, keyId: string): void {
    this.count(res, `key:${keyId}`, this.env.rateLimitPerMinute, true, 'rate limit exceeded for this API key');
  }

  address(req: Request, res: Response): void {
    this.count(res, `ip:${addressOf(req)}`, this.env.rateLimitPerMinute, true, 'rate limit exceeded for this address');
  }

  authFailure(req: Request, res: Response): void {
    this.count(res, `auth-failure:${addressOf(req)}`, this.env.authFailuresPerMinute, false, 'too many failed authentications from this address');
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
}

function addressOf(req: Request): string {
  // Without `trust proxy` this is the socket's peer; IPv6 clients count per /64, as one host usually holds a whole prefix.
  return normalizeIp(req.ip ?? req.socket.remoteAddress ?? 'unknown');
}
