import { DomainError, EventTypes, ProviderRegistered } from '@app/contracts';
import { ProviderState } from './provider.state';

export function decideRegisterProvider(state: ProviderState, command: ProviderRegistered): { type: string; data: ProviderRegistered }[] {
  if (state.registered) throw new DomainError('PROVIDER.ALREADY_REGISTERED', `provider ${command.providerId} is already registered`);
  return [{ type: EventTypes.ProviderRegistered, data: command }];
}
