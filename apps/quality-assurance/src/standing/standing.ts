import { toEqf } from '@app/contracts';
import { StandingStatus, statusOn } from '../accreditation/accreditation.timeline';
import { AccreditationView } from './standing.view';

export interface StandingQuestion {
  date: string;
  framework?: string;
  level?: number;
  field?: string;
}

export interface AccreditationStanding {
  accreditationId: string;
  qaBodyId: string;
  status: StandingStatus;
  inScope: boolean;
  /** Why it does not accredit the provider for the question; empty when it does. */
  reasons: string[];
}

/** A level is in scope in the scope's own framework, or when both sides reference the same EQF level. */
function levelInScope(view: AccreditationView, q: StandingQuestion): string | undefined {
  if (q.level === undefined || q.framework === undefined) return undefined;
  const { framework, minLevel, maxLevel } = view.scope;
  if (q.framework === framework) {
    return q.level >= minLevel && q.level <= maxLevel ? undefined : `${framework} level ${q.level} is outside the scope ${minLevel}-${maxLevel}`;
  }
  const asked = toEqf(q.framework, q.level);
  if ('notComparable' in asked) return `the scope is in ${framework}; ${q.framework} level ${q.level} is not comparable (${asked.reason})`;
  const lo = toEqf(framework, minLevel);
  const hi = toEqf(framework, maxLevel);
  if ('notComparable' in lo || 'notComparable' in hi) return `the scope is in ${framework} and cannot be compared through the EQF`;
  return asked.eqf >= lo.eqf && asked.eqf <= hi.eqf ? undefined : `EQF ${asked.eqf} is outside the scope's EQF ${lo.eqf}-${hi.eqf}`;
}

/** Judges one accreditation against the question: status on the date, level scope and field. */
export function standingOf(view: AccreditationView, q: StandingQuestion): AccreditationStanding {
  const status = statusOn(view, view.intervals, q.date);
  const outOfScope: string[] = [];
  const level = levelInScope(view, q);
  if (level) outOfScope.push(level);
  // A field code sits inside its broader codes: 0613 is inside 061 and 06.
  if (q.field && view.scope.fields?.length && !view.scope.fields.some((f) => q.field!.startsWith(f))) {
    outOfScope.push(`field ${q.field} is outside the scope's fields ${view.scope.fields.join(', ')}`);
  }
  const reasons = [...(status === 'active' ? [] : [`the accreditation was ${status} on ${q.date}`]), ...outOfScope];
  return { accreditationId: view.accreditationId, qaBodyId: view.qaBodyId, status, inScope: outOfScope.length === 0, reasons };
}
