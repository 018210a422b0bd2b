import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { parseApiKey } from '@app/auth';

/** Rate limits per API key (per client address for requests without one). */
@Injectable()
export class ApiKeyThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const headers = req.headers as Record<string, string | undefined>;
    const bearer = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
    const keyId = bearer ? parseApiKey(bearer)?.keyId : undefined;
    return keyId ? `key:${keyId}` : `ip:${String(req.ip)}`;
  }
}
