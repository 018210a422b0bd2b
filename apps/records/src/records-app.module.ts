import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EventStoreModule } from '@app/event-store';
import { MessagingModule } from '@app/messaging';
import { LedgerEnv, PlatformModule } from '@app/platform';
import { ReadStoreModule } from '@app/read-store';
import { RecordsModule } from './records.module';

/** The records service on its own (microservices mode): the event store, the read store (verification) and the bus (the relay). */
@Module({})
export class RecordsAppModule {
  static forRoot(env: LedgerEnv): DynamicModule {
    return {
      module: RecordsAppModule,
      imports: [
        PlatformModule.forRoot(env, 'records'),
        EventStoreModule.forRoot(env.eventStore),
        ReadStoreModule.forRoot(env.readStore),
        MessagingModule.forRoot(env.bus, 'credential-ledger-records'),
        CqrsModule.forRoot(),
        RecordsModule,
      ],
    };
  }
}
