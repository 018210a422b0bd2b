import { EventTypes } from '@app/contracts';

export type IntervalStatus = 'active' | 'suspended' | 'withdrawn';
export type StandingStatus = IntervalStatus | 'not-yet-valid' | 'expired';

/** A half-open stretch [from, until) of one accreditation's window with one status. */
export interface StandingInterval {
  from: string;
  until: string;
  status: IntervalStatus;
}

export interface TimelineChange {
  type: string;
  effectiveFrom: string;
}

const STATUS_AFTER: Record<string, IntervalStatus> = {
  [EventTypes.AccreditationSuspended]: 'suspended',
  [EventTypes.AccreditationReinstated]: 'active',
  [EventTypes.AccreditationWithdrawn]: 'withdrawn',
};

/**
 * Cuts the window [validFrom, validUntil) at each change's effective date. The decider
 * keeps effective dates in order and inside the window, so the cuts never overlap.
 */
export function intervalsOf(window: { validFrom: string; validUntil: string }, changes: TimelineChange[]): StandingInterval[] {
  const intervals: StandingInterval[] = [];
  let current: StandingInterval = { from: window.validFrom, until: window.validUntil, status: 'active' };
  for (const change of changes) {
    const status = STATUS_AFTER[change.type];
    if (!status) continue;
    if (Date.parse(change.effectiveFrom) > Date.parse(current.from)) intervals.push({ ...current, until: change.effectiveFrom });
    current = { from: change.effectiveFrom, until: window.validUntil, status };
  }
  intervals.push(current);
  return intervals;
}

/** The status an accreditation had at an instant, judged by effective dates. */
export function statusOn(window: { validFrom: string; validUntil: string }, intervals: StandingInterval[], instant: string): StandingStatus {
  const t = Date.parse(instant);
  if (t < Date.parse(window.validFrom)) return 'not-yet-valid';
  if (t >= Date.parse(window.validUntil)) return 'expired';
  const hit = intervals.find((i) => Date.parse(i.from) <= t && t < Date.parse(i.until));
  return hit?.status ?? 'active';
}
