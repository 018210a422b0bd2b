import { Global, Module } from '@nestjs/common';
import { ApiKeyService } from './api-key.service';
import { AuthGuard } from './auth.guard';

/**
 * API keys and the guard that authenticates them. The guard is not registered globally here:
 * the platform runs it inside its AccessGuard, so the order "authenticate, then count the
 * principal" is stated in one place rather than left to module scanning order.
 */
@Global()
@Module({
  providers: [ApiKeyService, AuthGuard],
  exports: [ApiKeyService, AuthGuard],
})
export class AuthModule {}
