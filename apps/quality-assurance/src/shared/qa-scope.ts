import { ForbiddenError, Principal } from '@app/auth';
import { anyJurisdictionCovers } from '@app/contracts';
import { RequestValidationError } from '@app/platform';

/**
 * Scope rules of the quality-assurance routes, in one place:
 * - a thing outside the caller's scope answers exactly as a thing that does not exist
 *   (the same 404 problem), so no caller learns what exists elsewhere;
 * - acting in a jurisdiction the request itself names, or for another QA body, is refused
 *   with 403 from the key (and the caller's own body) alone, before anything else is read.
 */

/** The QA body a request acts for: a qa-body key acts only for its own body; an admin acts on behalf of the body it names. */
export function actingQaBody(principal: Principal, requested?: string): string {
  if (principal.role === 'qa-body') {
    const own = principal.scope.qaBodyId;
    if (!own || (requested !== undefined && requested !== own)) throw new ForbiddenError();
    return own;
  }
  if (!requested) throw new RequestValidationError([{ field: 'qaBodyId', message: 'an admin must name the QA body it acts for' }]);
  return requested;
}

/**
 * Whether a jurisdiction lies inside what the principal may see and act on. Admins reach
 * everywhere. A qa-body key reaches where both its key and its registered body do (keys issued
 * before scopes were stored explicitly fall back to the body's jurisdictions); without its
 * body's registration it reaches nowhere. A regulator reaches its key's jurisdictions; every
 * other role reaches none.
 */
export function reaches(principal: Principal, jurisdiction: string | undefined, bodyJurisdictions?: readonly string[]): boolean {
  if (principal.role === 'admin') return true;
  if (jurisdiction === undefined) return false;
  const key = principal.scope.jurisdictions;
  if (principal.role === 'qa-body') {
    if (!bodyJurisdictions) return false;
    return anyJurisdictionCovers(bodyJurisdictions, jurisdiction) && anyJurisdictionCovers(key ?? bodyJurisdictions, jurisdiction);
  }
  if (principal.role === 'regulator') return anyJurisdictionCovers(Array.isArray(key) ? key : [], jurisdiction);
  return false;
}

/** 403 unless the principal may act in a jurisdiction named by the request (see `reaches`). */
export function assertActsIn(principal: Principal, jurisdiction: string, bodyJurisdictions?: readonly string[]): void {
  if (!reaches(principal, jurisdiction, bodyJurisdictions)) throw new ForbiddenError();
}

/** Whether two sets of jurisdictions meet: one covers a member of the other (EU meets DE, NZ meets NZ-AUK). */
export function jurisdictionsMeet(a: readonly string[], b: readonly string[]): boolean {
  return a.some((j) => anyJurisdictionCovers(b, j)) || b.some((j) => anyJurisdictionCovers(a, j));
}
