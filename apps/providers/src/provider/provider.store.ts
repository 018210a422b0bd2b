import { buildMetadata, RequestContext, Streams } from '@app/contracts';
import { EventStore, foldStream } from '@app/event-store';
import { decideProvider, ProviderCommand } from './provider.decider';
import { evolveProvider, initialProviderState } from './provider.state';

/** Load → decide → append for one provider stream. */
export async function decideOnProvider(events: EventStore, providerId: string, command: ProviderCommand, ctx: RequestContext, eventId: string) {
  const streamId = Streams.provider(providerId);
  const current = await foldStream(events, streamId, evolveProvider, initialProviderState);
  const decided = decideProvider(current.state, command);
  const result = await events.append({
    streamId,
    expectedRevision: current.revision === -1 ? 'no-stream' : current.revision,
    events: decided.map((e) => ({ ...e, metadata: buildMetadata(ctx, { eventId, jurisdiction: current.state.registered?.jurisdiction }) })),
  });
  return { position: result.positions[0], revision: result.nextRevision };
}
