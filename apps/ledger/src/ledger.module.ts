import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LedgerEnv, PlatformModule } from '@app/platform';
import { ProvidersModule } from '../../providers/src/providers.module';
import { QualityAssuranceModule } from '../../quality-assurance/src/quality-assurance.module';
import { RecordsModule } from '../../records/src/records.module';

/** All three contexts in one process: the default `npm start`. */
@Module({})
export class LedgerModule {
  static forRoot(env: LedgerEnv): DynamicModule {
    return {
      module: LedgerModule,
      imports: [PlatformModule.forRoot(env, 'ledger'), CqrsModule.forRoot(), ProvidersModule, QualityAssuranceModule, RecordsModule],
    };
  }
}
