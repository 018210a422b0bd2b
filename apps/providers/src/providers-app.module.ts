import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ApiKeysModule } from '@app/auth';
import { EventStoreModule } from '@app/event-store';
import { MessagingModule } from '@app/messaging';
import { LedgerEnv, PlatformModule } from '@app/platform';
import { ReadStoreModule } from '@app/read-store';
import { ProvidersModule } from './providers.module';

/**
 * The providers service on its own (microservices mode): the event store, the read store (the
 * expiry schedule) and the bus (Kafka ingest).
 */
@Module({})
export class ProvidersAppModule {
  static forRoot(env: LedgerEnv): DynamicModule {
    return {
      module: ProvidersAppModule,
      imports: [
        PlatformModule.forRoot(env, 'providers'),
        EventStoreModule.forRoot(env.eventStore),
        ReadStoreModule.forRoot(env.readStore),
        MessagingModule.forRoot(env.bus, 'credential-ledger-providers'),
        CqrsModule.forRoot(),
        // The admin routes for API keys: this app hosts them (and creates the bootstrap admin key).
        ApiKeysModule,
        ProvidersModule,
      ],
    };
  }
}
