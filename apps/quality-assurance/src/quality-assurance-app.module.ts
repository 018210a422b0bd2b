import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EventStoreModule } from '@app/event-store';
import { LedgerEnv, PlatformModule } from '@app/platform';
import { ReadStoreModule } from '@app/read-store';
import { QualityAssuranceModule } from './quality-assurance.module';

/**
 * The quality-assurance service on its own (microservices mode): the event store and the read
 * store (standing). It neither publishes nor consumes, so it has no bus.
 */
@Module({})
export class QualityAssuranceAppModule {
  static forRoot(env: LedgerEnv): DynamicModule {
    return {
      module: QualityAssuranceAppModule,
      imports: [
        PlatformModule.forRoot(env, 'quality-assurance'),
        EventStoreModule.forRoot(env.eventStore),
        ReadStoreModule.forRoot(env.readStore),
        CqrsModule.forRoot(),
        QualityAssuranceModule,
      ],
    };
  }
}
