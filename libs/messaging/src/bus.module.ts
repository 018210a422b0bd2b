import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { openMessageBus } from './bus.factory';
import { MessageBus } from './bus.port';
import { MESSAGE_BUS } from './bus.tokens';

@Global()
@Module({})
export class MessagingModule implements OnApplicationShutdown {
  constructor(@Inject(MESSAGE_BUS) private readonly bus: MessageBus) {}

  static forRoot(url: string, clientId?: string): DynamicModule {
    return {
      module: MessagingModule,
      providers: [{ provide: MESSAGE_BUS, useFactory: () => openMessageBus(url, clientId) }],
      exports: [MESSAGE_BUS],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.bus.close();
  }
}
