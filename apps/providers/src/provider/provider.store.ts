import { RequestContext, Streams } from '@app/contracts';
import { decideOnStream, EventStore } from '@app/event-store';
import { decideProvider, ProviderCommand } from './provider.decider';
import { evolveProvider, initialProviderState, ProviderState } from './provider.state';

const providerDecider = { initial: initialProviderState, evolve: evolveProvider, decide: decideProvider };

/** Load → decide → append for one provider stream; events carry the provider's jurisdiction. */
export async function decideOnProvider(events: EventStore, providerId: string, command: ProviderCommand, ctx: RequestContext, eventId: string) {
  const { position, revision } = await decideOnStream(events, Streams.provider(providerId), providerDecider, command, ctx, async (state: ProviderState) => ({
    eventId,
    jurisdiction: state.registered?.jurisdiction ?? ('jurisdiction' in command ? command.jurisdiction : undefined),
  }));
  return { position: position!, revision };
}
