import { ForbiddenError, Principal } from '@app/auth';
import { anyJurisdictionCovers } from '@app/contracts';
import { RequestValidationError } from '@app/platform';
import { QaBodyState } from '../qa-body/qa-body.state';

/**
 * The QA body a request acts for: a qa-body key acts only for its own body; an admin acts
 * on behalf of the body it names.
 */
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
 * A qa-body key acts only inside the jurisdictions of its key and of its registered body;
 * anything else (an unknown target included) is refused alike, so nothing leaks.
 */
export function assertQaBodyMayActIn(principal: Principal, jurisdiction: string | undefined, body?: QaBodyState): void {
  if (principal.role !== 'qa-body') return;
  if (!jurisdiction || !keyCovers(principal, jurisdiction)) throw new ForbiddenError();
  if (body && !anyJurisdictionCovers(body.registered?.jurisdictions ?? [], jurisdiction)) throw new ForbiddenError();
}

/** Whether a qa-body key's own jurisdictions (when the key is narrowed to some) cover a jurisdiction. */
export function keyCovers(principal: Principal, jurisdiction: string): boolean {
  const scoped = principal.scope.jurisdictions;
  return scoped === undefined || anyJurisdictionCovers(scoped, jurisdiction);
}
