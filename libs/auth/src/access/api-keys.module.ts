import { Module } from '@nestjs/common';
import { ApiKeysController } from './api-keys.controller';

/**
 * The admin routes that issue, revoke and rotate API keys for every role, beside the keys they
 * manage. Imported by the app that hosts the admin routes (providers, and the all-in-one ledger);
 * ApiKeyService itself comes from the global AuthModule every app has.
 */
@Module({ controllers: [ApiKeysController] })
export class ApiKeysModule {}
