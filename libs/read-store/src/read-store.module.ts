import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { ProjectionRegistry } from './projection-registry';
import { openReadStore } from './read-store.factory';
import { ReadStore } from './read-store.port';
import { READ_STORE } from './read-store.tokens';

@Global()
@Module({})
export class ReadStoreModule implements OnApplicationShutdown {
  constructor(@Inject(READ_STORE) private readonly store: ReadStore) {}

  static forRoot(url: string): DynamicModule {
    return {
      module: ReadStoreModule,
      providers: [{ provide: READ_STORE, useFactory: () => openReadStore(url) }, ProjectionRegistry],
      exports: [READ_STORE, ProjectionRegistry],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
