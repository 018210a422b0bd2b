import { DiscrepancyEvent, DiscrepancyRaised, DiscrepancyResolution, DomainError, EventTypes, LedgerEvent, NotFoundError, RecordedEvent } from '@app/contracts';

export interface DiscrepancyState {
  raised?: DiscrepancyRaised;
  resolution?: DiscrepancyResolution;
}

export type DiscrepancyCommand =
  | { type: 'RaiseDiscrepancy'; raised: DiscrepancyRaised }
  | { type: 'ResolveDiscrepancy'; discrepancyId: string; resolution: DiscrepancyResolution; reason: string }
  /** The ledger's own: a later event made the reason moot. A discrepancy never raised, or already resolved (by a person), is left as it is. */
  | { type: 'SupersedeDiscrepancy'; discrepancyId: string; reason: string };

export function evolveDiscrepancy(state: DiscrepancyState, event: RecordedEvent<LedgerEvent>): DiscrepancyState {
  switch (event.type) {
    case EventTypes.DiscrepancyRaised:
      return { raised: event.data };
    case EventTypes.DiscrepancyResolved:
      return { ...state, resolution: event.data.resolution };
    default:
      return state;
  }
}

/**
 * A discrepancy is raised once (raising it again is a no-op, so replays are idempotent) and resolved
 * once: by a person, or superseded by the ledger when its reason no longer holds.
 */
export function decideDiscrepancy(state: DiscrepancyState, command: DiscrepancyCommand): DiscrepancyEvent[] {
  if (command.type === 'RaiseDiscrepancy') return state.raised ? [] : [{ type: EventTypes.DiscrepancyRaised, data: command.raised }];
  if (command.type === 'SupersedeDiscrepancy') {
    if (!state.raised || state.resolution) return [];
    return [{ type: EventTypes.DiscrepancyResolved, data: { discrepancyId: command.discrepancyId, resolution: 'superseded', reason: command.reason, jurisdiction: state.raised.jurisdiction } }];
  }
  if (!state.raised) throw new NotFoundError('discrepancy');
  if (state.resolution) throw new DomainError('DISCREPANCY.ALREADY_RESOLVED', `the discrepancy is already resolved (${state.resolution})`);
  return [{ type: EventTypes.DiscrepancyResolved, data: { discrepancyId: command.discrepancyId, resolution: command.resolution, reason: command.reason, jurisdiction: state.raised.jurisdiction } }];
}

export const discrepancyDecider = { initial: {} as DiscrepancyState, evolve: evolveDiscrepancy, decide: decideDiscrepancy };
