import { isDeepStrictEqual } from 'node:util';
import { AccreditationEvent, anyJurisdictionCovers, DomainError, EventTypes, ProviderAccredited } from '@app/contracts';
import { QaBodyState } from '../qa-body/qa-body.state';
import { AccreditationState, evolveAccreditation, initialAccreditationState } from './accreditation.state';

interface Change {
  accreditationId: string;
  /** From when the change holds (the QA body's decision date), not when it was recorded. */
  effectiveFrom: string;
}

export type AccreditationCommand =
  | { type: 'AccreditProvider'; accreditation: ProviderAccredited; qaBody: QaBodyState; providerJurisdiction?: string }
  | ({ type: 'SuspendAccreditation'; reason: string } & Change)
  | ({ type: 'ReinstateAccreditation'; reason?: string } & Change)
  | ({ type: 'WithdrawAccreditation'; reason: string } & Change);

export const AccreditationErrors = {
  qaBodyNotFound: () => new DomainError('QA_BODY.NOT_FOUND', 'the QA body is not registered'),
  providerNotFound: () => new DomainError('PROVIDER.NOT_FOUND', 'the provider is not registered'),
  outsideJurisdiction: () => new DomainError('QA_BODY.OUTSIDE_JURISDICTION', "the provider's jurisdiction is outside the QA body's jurisdictions"),
  outsideFrameworks: () => new DomainError('QA_BODY.OUTSIDE_FRAMEWORKS', "the scope's framework is not one the QA body registered"),
  invalidWindow: () => new DomainError('ACCREDITATION.INVALID_WINDOW', 'validUntil must be after validFrom'),
  invalidScope: () => new DomainError('ACCREDITATION.INVALID_SCOPE', 'scope.minLevel must not exceed scope.maxLevel'),
  exists: () => new DomainError('ACCREDITATION.ALREADY_EXISTS', 'an accreditation with this accreditationId exists with other content'),
  notFound: () => new DomainError('ACCREDITATION.NOT_FOUND', 'no accreditation with this accreditationId'),
  withdrawn: () => new DomainError('ACCREDITATION.ALREADY_WITHDRAWN', 'the accreditation is withdrawn and can no longer change'),
  suspended: () => new DomainError('ACCREDITATION.ALREADY_SUSPENDED', 'the accreditation is already suspended'),
  notSuspended: () => new DomainError('ACCREDITATION.NOT_SUSPENDED', 'only a suspended accreditation can be reinstated'),
  outsideWindow: () => new DomainError('ACCREDITATION.OUTSIDE_WINDOW', 'effectiveFrom must fall inside the accreditation window [validFrom, validUntil)'),
  outOfOrder: () => new DomainError('ACCREDITATION.OUT_OF_ORDER', 'effectiveFrom must not be before the previous change of this accreditation'),
};
const E = AccreditationErrors;

const at = (instant: string) => Date.parse(instant);

/**
 * An accreditation's life: granted for a scope over a window, then suspended, reinstated
 * or withdrawn with effective dates that move forward inside the window. Expiry needs no
 * event: it is the window's end.
 */
export function decideAccreditation(state: AccreditationState, command: AccreditationCommand): AccreditationEvent[] {
  if (command.type === 'AccreditProvider') {
    const a = command.accreditation;
    if (state.accredited) {
      if (isDeepStrictEqual({ ...state.accredited }, { ...a })) return [];
      throw E.exists();
    }
    const body = command.qaBody.registered;
    if (!body) throw E.qaBodyNotFound();
    if (!command.providerJurisdiction) throw E.providerNotFound();
    if (!anyJurisdictionCovers(body.jurisdictions, command.providerJurisdiction)) throw E.outsideJurisdiction();
    // A body that named its frameworks accredits only in them; one that named none is not limited.
    if (body.frameworks.length > 0 && !body.frameworks.includes(a.scope.framework)) throw E.outsideFrameworks();
    if (!(at(a.validFrom) < at(a.validUntil))) throw E.invalidWindow();
    if (a.scope.minLevel > a.scope.maxLevel) throw E.invalidScope();
    return [{ type: EventTypes.ProviderAccredited, data: a }];
  }

  const accredited = state.accredited;
  if (!accredited) throw E.notFound();
  if (state.withdrawnFrom) throw E.withdrawn();
  const when = at(command.effectiveFrom);
  if (when < at(accredited.validFrom) || when >= at(accredited.validUntil)) throw E.outsideWindow();
  if (state.lastEffective && when < at(state.lastEffective)) throw E.outOfOrder();
  const refs = { accreditationId: accredited.accreditationId, qaBodyId: accredited.qaBodyId, providerId: accredited.providerId, effectiveFrom: command.effectiveFrom };
  switch (command.type) {
    case 'SuspendAccreditation':
      if (state.suspendedFrom) throw E.suspended();
      return [{ type: EventTypes.AccreditationSuspended, data: { ...refs, reason: command.reason } }];
    case 'ReinstateAccreditation':
      if (!state.suspendedFrom) throw E.notSuspended();
      return [{ type: EventTypes.AccreditationReinstated, data: { ...refs, ...(command.reason ? { reason: command.reason } : {}) } }];
    case 'WithdrawAccreditation':
      return [{ type: EventTypes.AccreditationWithdrawn, data: { ...refs, reason: command.reason } }];
  }
}

export const accreditationDecider = { initial: initialAccreditationState, evolve: evolveAccreditation, decide: decideAccreditation };
