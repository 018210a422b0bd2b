import { ConsentPurpose, CONSENT_PURPOSES } from '@app/contracts';

/** One consent event between a learner and a partner, as the consents read model keeps it. */
export interface ConsentHistoryEntry {
  type: 'ConsentGranted' | 'ConsentWithdrawn';
  position: number;
  recordedAt: string;
  purposes?: ConsentPurpose[];
  expiresAt?: string;
}

/** A moment in the log: a position, and the instant the event there was recorded. */
export interface LogMoment {
  position: number;
  instant: string;
}

/**
 * The consent in force at a moment of the log, or undefined: the last grant or withdrawal at
 * or before `position` decides, and a grant counts only while `instant` is before its expiry.
 * Step 10's feed router asks this for each event it would send: a partner receives a
 * learner's event only if consent was in force where that event stands in the log, so a
 * replay of the feed sends exactly what was sent the first time.
 */
export function consentInForceAt(history: readonly ConsentHistoryEntry[], at: LogMoment, purpose?: ConsentPurpose): { purposes: ConsentPurpose[]; expiresAt?: string } | undefined {
  let last: ConsentHistoryEntry | undefined;
  for (const entry of history) if (entry.position <= at.position && (!last || entry.position > last.position)) last = entry;
  if (!last || last.type !== 'ConsentGranted') return undefined;
  if (last.expiresAt && Date.parse(last.expiresAt) <= Date.parse(at.instant)) return undefined;
  const purposes = last.purposes ?? [];
  if (purpose && !purposes.includes(purpose)) return undefined;
  return { purposes, ...(last.expiresAt ? { expiresAt: last.expiresAt } : {}) };
}

/** The purposes a grant names: sorted and unique; none named means every documented purpose. */
export function consentPurposes(requested: readonly ConsentPurpose[] | undefined): ConsentPurpose[] {
  const named = requested ?? CONSENT_PURPOSES;
  return [...new Set(named)].sort();
}
