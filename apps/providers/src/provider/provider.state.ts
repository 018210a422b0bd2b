import { EventTypes, ProviderRegistered } from '@app/contracts';

export interface ProviderState {
  registered?: ProviderRegistered;
}

export const initialProviderState: ProviderState = {};

export function evolveProvider(state: ProviderState, event: { type: string; data: unknown }): ProviderState {
  return event.type === EventTypes.ProviderRegistered ? { registered: event.data as ProviderRegistered } : state;
}
