import { Principal } from '@app/auth';
import { Streams } from '@app/contracts';
import { EventStore, foldStream } from '@app/event-store';
import { evolveProvider, initialProviderState } from '../upstream/provider-view';
import { evolveQaBody, initialQaBodyState } from '../qa-body/qa-body.state';
import { reaches } from '../shared/qa-scope';
import { AccreditationErrors } from './accreditation.decider';
import { AccreditationState } from './accreditation.state';

export async function providerJurisdiction(events: EventStore, providerId: string): Promise<string | undefined> {
  return (await foldStream(events, Streams.provider(providerId), evolveProvider, initialProviderState)).state.registered?.jurisdiction;
}

/**
 * A qa-body key reaches only its own body's accreditations of providers in its jurisdictions;
 * a regulator those of providers in its jurisdictions. Anything else answers as an unknown accreditation.
 */
export async function assertAccreditationInScope(events: EventStore, principal: Principal, state: AccreditationState): Promise<void> {
  if (principal.role === 'admin') return;
  const accredited = state.accredited;
  if (!accredited || (principal.role === 'qa-body' && accredited.qaBodyId !== principal.scope.qaBodyId)) throw AccreditationErrors.notFound();
  const [jurisdiction, body] = await Promise.all([
    providerJurisdiction(events, accredited.providerId),
    principal.role === 'qa-body' ? foldStream(events, Streams.qaBody(accredited.qaBodyId), evolveQaBody, initialQaBodyState) : undefined,
  ]);
  if (!reaches(principal, jurisdiction, body?.state.registered?.jurisdictions)) throw AccreditationErrors.notFound();
}
