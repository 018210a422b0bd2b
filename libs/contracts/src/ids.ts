import { v5 as uuidv5 } from 'uuid';

// Fixed namespaces so that ids derived from the same inputs are the same on every
// machine and after every replay.
const CREDENTIAL_NS = '3b4f1c2e-6f0e-5b7a-9a51-0c7e2d1f8a10';
const EVENT_NS = '9e2a7d14-5c3b-5f86-8d40-71b6a3e9c2f5';

/** Credential id: the same (providerId, credentialRef) always lands on one stream. */
export function credentialIdFor(providerId: string, credentialRef: string): string {
  return uuidv5(`${providerId}\u0000${credentialRef}`, CREDENTIAL_NS);
}

/** Event id of a provider-sourced event: the dedupe key of (providerId, sourceEventId). */
export function eventIdFor(providerId: string, sourceEventId: string): string {
  return uuidv5(`${providerId}\u0000${sourceEventId}`, EVENT_NS);
}

/** Event id of an event the ledger or an admin produces from a request-scoped key. */
export function internalEventId(scope: string, key: string): string {
  return uuidv5(`internal\u0000${scope}\u0000${key}`, EVENT_NS);
}
