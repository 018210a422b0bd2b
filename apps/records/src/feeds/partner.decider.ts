import { isDeepStrictEqual } from 'node:util';
import { DomainError, EventTypes, LedgerEvent, PartnerEvent, PartnerRegistered } from '@app/contracts';

/** A partner as its stream knows it: its registration, once written. */
export interface PartnerState {
  registered?: PartnerRegistered;
}

export const initialPartnerState: PartnerState = {};

export function evolvePartner(state: PartnerState, event: LedgerEvent): PartnerState {
  return event.type === EventTypes.PartnerRegistered ? { registered: event.data } : state;
}

export interface RegisterPartner {
  type: 'RegisterPartner';
  partner: PartnerRegistered;
}

/**
 * A partner is registered once. The same registration again is a retry and decides nothing;
 * another one under the same id is refused (409), so a partner's scope never changes under
 * the feed it has already read.
 */
export function decidePartner(state: PartnerState, command: RegisterPartner): PartnerEvent[] {
  if (!state.registered) return [{ type: EventTypes.PartnerRegistered, data: command.partner }];
  if (isDeepStrictEqual(plain(state.registered), plain(command.partner))) return [];
  throw new DomainError('PARTNER.ALREADY_REGISTERED', 'partnerId: another partner is already registered under this id', false, { field: 'partnerId' });
}

const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

export const partnerDecider = { initial: initialPartnerState, evolve: evolvePartner, decide: decidePartner };
