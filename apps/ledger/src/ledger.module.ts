import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ApiKeysModule } from '@app/auth';
import { EventStoreModule } from '@app/event-store';
import { MessagingModule } from '@app/messaging';
import { LedgerEnv, PlatformModule } from '@app/platform';
import { ReadStoreModule } from '@app/read-store';
// The composition root may import the other apps' modules (and only those: see eslint.config.mjs).
import { ProvidersModule } from '../../providers/src/providers.module';
import { QualityAssuranceModule } from '../../quality-assurance/src/quality-assurance.module';
import { RecordsModule } from '../../records/src/records.module';

/** All three contexts in one process, sharing one of each engine: the default `npm start`. */
@Module({})
export class LedgerModule {
  static forRoot(env: LedgerEnv): DynamicModule {
    return {
      module: LedgerModule,
      imports: [
        PlatformModule.forRoot(env, 'ledger'),
        EventStoreModule.forRoot(env.eventStore),
        ReadStoreModule.forRoot(env.readStore),
        MessagingModule.forRoot(env.bus, 'credential-ledger-ledger'),
        CqrsModule.forRoot(),
        // The admin routes for API keys: this app hosts them (and creates the bootstrap admin key).
        ApiKeysModule,
        ProvidersModule,
        QualityAssuranceModule,
        RecordsModule,
      ],
    };
  }
}
