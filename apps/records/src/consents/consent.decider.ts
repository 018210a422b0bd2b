import { ConsentEvent, ConsentPurpose, DomainError, EventTypes, LedgerEvent, NotFoundError, RecordedEvent } from '@app/contracts';

/** A consent in force on the stream: granted and not withdrawn (expiry is judged by readers, at their instant). */
export interface ConsentTerms {
  purposes: ConsentPurpose[];
  expiresAt?: string;
}

export interface ConsentState {
  consents: Record<string, ConsentTerms>;
}

export type ConsentCommand =
  | { type: 'GrantConsent'; learnerId: string; partnerId: string; purposes: ConsentPurpose[]; expiresAt?: string; /** Whether the learner was erased. */ erased: boolean }
  | { type: 'WithdrawConsent'; learnerId: string; partnerId: string };

export const initialConsentState = (): ConsentState => ({ consents: {} });

export function evolveConsent(state: ConsentState, event: RecordedEvent<LedgerEvent> | ConsentEvent): ConsentState {
  switch (event.type) {
    case EventTypes.ConsentGranted: {
      const { partnerId, purposes, expiresAt } = event.data;
      return { consents: { ...state.consents, [partnerId]: { purposes, ...(expiresAt ? { expiresAt } : {}) } } };
    }
    case EventTypes.ConsentWithdrawn: {
      const { [event.data.partnerId]: _gone, ...rest } = state.consents;
      return { consents: rest };
    }
    default:
      return state;
  }
}

const sameTerms = (a: ConsentTerms, b: ConsentTerms) => a.expiresAt === b.expiresAt && a.purposes.join() === b.purposes.join();

/**
 * Granting the consent already in force again is a no-op (a retried PUT records nothing); a
 * grant with other terms replaces it. Withdrawing a consent that is not in force is 404, so
 * the caller learns nothing was withdrawn. An erased learner can withdraw but grant no more.
 * Purposes arrive sorted and unique (see consentTerms), so equal terms compare equal.
 */
export function decideConsent(state: ConsentState, command: ConsentCommand): ConsentEvent[] {
  const current = Object.prototype.hasOwnProperty.call(state.consents, command.partnerId) ? state.consents[command.partnerId] : undefined;
  if (command.type === 'WithdrawConsent') {
    if (!current) throw new NotFoundError('consent');
    return [{ type: EventTypes.ConsentWithdrawn, data: { learnerId: command.learnerId, partnerId: command.partnerId } }];
  }
  if (command.erased) throw new DomainError('LEARNER.ERASED', 'the learner was erased: no new consent can be granted for them');
  const terms: ConsentTerms = { purposes: command.purposes, ...(command.expiresAt ? { expiresAt: command.expiresAt } : {}) };
  if (current && sameTerms(current, terms)) return [];
  return [{ type: EventTypes.ConsentGranted, data: { learnerId: command.learnerId, partnerId: command.partnerId, ...terms } }];
}

export const consentDecider = { initial: initialConsentState(), evolve: evolveConsent, decide: decideConsent };
