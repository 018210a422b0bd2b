/** The audit index: one row per event of the global log, with the facets regulators filter on. */
export const AuditCollections = {
  /** One row per event, id = the zero-padded global position, so id order is log order. */
  events: 'audit-events',
  /** What the index needs to derive facets: providers' and QA bodies' jurisdictions, credentials' learners, the event count. */
  facts: 'audit-facts',
} as const;

export interface AuditIndexRow {
  position: number;
  /** Count of events before this one in the global log: its leaf index in the verifiable log. */
  leafIndex: number;
  streamId: string;
  revision: number;
  type: string;
  recordedAt: string;
  /** Every jurisdiction the event touches, sorted; none for ledger-wide events (API keys, checkpoints): admins only. */
  jurisdictions: string[];
  providerId?: string;
  qaBodyId?: string;
  credentialId?: string;
  /** The learners the event is about (see AuditIndexProjection). */
  learnerIds: string[];
}

/** Positions fit 16 digits (Number.MAX_SAFE_INTEGER has 16), so string order is numeric order. */
export const rowId = (position: number): string => String(position).padStart(16, '0');
