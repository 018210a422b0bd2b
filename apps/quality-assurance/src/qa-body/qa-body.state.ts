import { EventTypes, LedgerEvent, QualityAssuranceBodyRegistered } from '@app/contracts';

export interface QaBodyState {
  registered?: QualityAssuranceBodyRegistered;
}

export const initialQaBodyState: QaBodyState = {};

export function evolveQaBody(state: QaBodyState, event: LedgerEvent): QaBodyState {
  return event.type === EventTypes.QualityAssuranceBodyRegistered ? { registered: event.data } : state;
}
