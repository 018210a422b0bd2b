import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LedgerEnv, PlatformModule } from '@app/platform';
import { RecordsModule } from './records.module';

/** The records service on its own (microservices mode). */
@Module({})
export class RecordsAppModule {
  static forRoot(env: LedgerEnv): DynamicModule {
    return { module: RecordsAppModule, imports: [PlatformModule.forRoot(env, 'records'), CqrsModule.forRoot(), RecordsModule] };
  }
}
