import { Principal } from '@app/auth';
import { anyJurisdictionCovers, EventTypes, Streams } from '@app/contracts';
import { EventStore } from '@app/event-store';

/**
 * Who may read a provider's achievements back: the provider itself, QA bodies and regulators
 * whose jurisdictions cover the provider's, admins everywhere. A qa-body key reaches where both
 * the key and its registered body do (as in quality assurance's own scope rule). Callers answer
 * "not in scope" exactly like "absent", so nothing about other providers leaks.
 */
export async function mayReadProvider(events: EventStore, principal: Principal, providerId: string, jurisdiction: string | undefined): Promise<boolean> {
  if (principal.role === 'admin') return true;
  if (principal.role === 'provider') return principal.scope.providerId === providerId;
  if (jurisdiction === undefined) return false;
  const key = principal.scope.jurisdictions;
  if (principal.role === 'regulator') return anyJurisdictionCovers(key ?? [], jurisdiction);
  if (principal.role !== 'qa-body' || !principal.scope.qaBodyId) return false;
  const body = (await events.readStream(Streams.qaBody(principal.scope.qaBodyId))).find((e) => e.type === EventTypes.QualityAssuranceBodyRegistered);
  if (body?.type !== EventTypes.QualityAssuranceBodyRegistered) return false;
  const bodyJurisdictions = body.data.jurisdictions;
  return anyJurisdictionCovers(bodyJurisdictions, jurisdiction) && anyJurisdictionCovers(key ?? bodyJurisdictions, jurisdiction);
}
