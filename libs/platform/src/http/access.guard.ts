import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { AuthenticatedRequest, AuthGuard, UnauthenticatedError } from '@app/auth';
import { AccessLimits } from './access-limits';

/**
 * The one global guard: authenticate, then count. Counting only after authentication means a
 * request can be charged only to a principal that proved it holds the key's secret, so nobody
 * can exhaust someone else's limit by sending its key id with a wrong secret. Failed
 * authentications are counted per client address in a separate, stricter bucket; public
 * routes are counted per address. A request with a body was authenticated already by the
 * BodyGate, before its body was read; it is counted here like any other.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly auth: AuthGuard,
    private readonly limits: AccessLimits,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const req = http.getRequest<AuthenticatedRequest>();
    const res = http.getResponse<Response>();
    try {
      await this.auth.canActivate(context);
    } catch (error) {
      if (error instanceof UnauthenticatedError) this.limits.authFailure(req, res);
      // Refused after authentication (wrong role or scope): still the principal's request.
      else if (req.principal) this.limits.key(res, req.principal.keyId);
      throw error;
    }
    if (req.principal) this.limits.key(res, req.principal.keyId);
    else this.limits.address(req, res);
    return true;
  }
}
