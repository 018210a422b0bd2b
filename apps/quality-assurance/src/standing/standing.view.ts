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
  /** The event that granted it: the decision standing answers cite. */
  decision: { eventId: string; position: number; recordedAt: string; actor: Actor };
  changes: { type: string; effectiveFrom: string; reason?: string; eventId: string; position: number; recordedAt: string }[];
  intervals: StandingInterval[];
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
