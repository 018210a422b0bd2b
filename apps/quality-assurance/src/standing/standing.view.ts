import { AccreditationScope, Actor } from '@app/contracts';
import { StandingInterval } from '../accreditation/accreditation.timeline';

/** One accreditation with its whole history, so its standing on any past date can be answered. */
export interface AccreditationView {
  accreditationId: string;
  providerId: string;
  qaBodyId: string;
  scope: AccreditationScope;
  validFrom: string;
  validUntil: string;
  decisionRef?: string;
  /**
   * The event that granted it: the decision standing answers cite. The actor is kept by role
   * (and body) only: the acting API key id stays in the event log, out of answers.
   */
  decision: { eventId: string; position: number; recordedAt: string; actor: DecisionActor };
  changes: { type: string; effectiveFrom: string; reason?: string; eventId: string; position: number; recordedAt: string }[];
  intervals: StandingInterval[];
}

export interface DecisionActor {
  role: Actor['role'];
  qaBodyId?: string;
}

export interface QaProviderView {
  providerId: string;
  jurisdiction: string;
}

export interface QaBodyView {
  qaBodyId: string;
  name: string;
  jurisdictions: string[];
}

export const QaCollections = {
  accreditations: 'qa-accreditations',
  providers: 'qa-providers',
  bodies: 'qa-bodies',
} as const;
