import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { openEventStore } from './event-store.factory';
import { EventStore } from './event-store.port';
import { EVENT_STORE } from './event-store.tokens';

@Global()
@Module({})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Binds the EVENT_STORE token to the adapter the URL names. */
  static forRoot(url: string): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [{ provide: EVENT_STORE, useFactory: () => openEventStore(url) }],
      exports: [EVENT_STORE],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
