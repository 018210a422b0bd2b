import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { buildMetadata, internalEventId, ProviderRegistered, RequestContext, Streams } from '@app/contracts';
import { EVENT_STORE, EventStore, foldStream } from '@app/event-store';
import { decideRegisterProvider } from '../provider.decider';
import { evolveProvider, initialProviderState } from '../provider.state';

export class RegisterProviderCommand {
  constructor(readonly provider: ProviderRegistered, readonly ctx: RequestContext) {}
}

@CommandHandler(RegisterProviderCommand)
export class RegisterProviderHandler implements ICommandHandler<RegisterProviderCommand, { position: number }> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ provider, ctx }: RegisterProviderCommand) {
    const streamId = Streams.provider(provider.providerId);
    const { state, revision } = await foldStream(this.events, streamId, evolveProvider, initialProviderState);
    const decided = decideRegisterProvider(state, provider);
    const result = await this.events.append({
      streamId,
      expectedRevision: revision === -1 ? 'no-stream' : revision,
      events: decided.map((e) => ({ ...e, metadata: buildMetadata(ctx, { eventId: internalEventId('provider', provider.providerId), jurisdiction: provider.jurisdiction }) })),
    });
    return { position: result.positions[0] };
  }
}
