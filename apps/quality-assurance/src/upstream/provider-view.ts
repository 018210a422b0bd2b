import { EventTypes, LedgerEvent, ProviderRegistered } from '@app/contracts';

/**
 * What quality assurance needs to know about a provider, folded from the providers' public
 * events: its registration (jurisdiction). QA keeps its own fold rather than importing the
 * providers app's state, so the two contexts share only the event contracts.
 */
export interface ProviderView {
  registered?: ProviderRegistered;
}

export const initialProviderState: ProviderView = {};

export function evolveProvider(state: ProviderView, event: LedgerEvent): ProviderView {
  return event.type === EventTypes.ProviderRegistered ? { ...state, registered: event.data } : state;
}
