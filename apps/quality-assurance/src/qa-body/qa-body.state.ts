import { EventTypes, QualityAssuranceBodyRegistered } from '@app/contracts';

export interface QaBodyState {
  registered?: QualityAssuranceBodyRegistered;
}

export const initialQaBodyState: QaBodyState = {};

export function evolveQaBody(state: QaBodyState, event: { type: string; data: unknown }): QaBodyState {
  return event.type === EventTypes.QualityAssuranceBodyRegistered ? { registered: event.data as QualityAssuranceBodyRegistered } : state;
}
