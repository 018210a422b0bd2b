import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LedgerEnv, PlatformModule } from '@app/platform';
import { QualityAssuranceModule } from './quality-assurance.module';

/** The quality-assurance service on its own (microservices mode). */
@Module({})
export class QualityAssuranceAppModule {
  static forRoot(env: LedgerEnv): DynamicModule {
    return { module: QualityAssuranceAppModule, imports: [PlatformModule.forRoot(env, 'quality-assurance'), CqrsModule.forRoot(), QualityAssuranceModule] };
  }
}
