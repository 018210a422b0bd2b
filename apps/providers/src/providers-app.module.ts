import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LedgerEnv, PlatformModule } from '@app/platform';
import { ProvidersModule } from './providers.module';

/** The providers service on its own (microservices mode). */
@Module({})
export class ProvidersAppModule {
  static forRoot(env: LedgerEnv): DynamicModule {
    return { module: ProvidersAppModule, imports: [PlatformModule.forRoot(env, 'providers'), CqrsModule.forRoot(), ProvidersModule] };
  }
}
