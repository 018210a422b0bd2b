import { decideProvider } from './provider.decider';
import { evolveProvider, initialProviderState, ProviderState } from './provider.state';

/** The provider aggregate as decideOnStream takes it. */
export const providerAggregate = { initial: initialProviderState, evolve: evolveProvider, decide: decideProvider };

/** Events on a provider's stream carry its jurisdiction. */
export const providerEventMeta = (eventId: string) => async (state: ProviderState) => ({ eventId, jurisdiction: state.registered?.jurisdiction });
