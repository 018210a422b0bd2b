import { parse as parseUuid, v5 as uuidv5 } from 'uuid';

/**
 * A name-based (version 5) UUID of `name` in `namespace`, the same as `uuid`'s
 * `v5(name, namespace)`. Namespaces are parsed once and names handed over as UTF-8 bytes:
 * given strings, the package parses the namespace and encodes the name by hand on every
 * call, and projections derive ids for every event they replay.
 */
export function nameBasedId(name: string, namespace: Uint8Array): string {
  return uuidv5(Buffer.from(name, 'utf8'), namespace);
}

/** A namespace UUID as the bytes nameBasedId takes. */
export const uuidNamespace = (uuid: string): Uint8Array => parseUuid(uuid);

// Fixed namespaces so that ids derived from the same inputs are the same on every
// machine and after every replay. Each id space has its own namespace, so no input of
// one space can produce an id of another (short of a SHA-1 collision).
const CREDENTIAL_NS = uuidNamespace('3b4f1c2e-6f0e-5b7a-9a51-0c7e2d1f8a10');
const EVENT_NS = uuidNamespace('9e2a7d14-5c3b-5f86-8d40-71b6a3e9c2f5');
const SOURCE_EVENT_NS = uuidNamespace('c6a1e0b8-2f4d-5a73-8e19-4b0d7c5f3a62');
const BULK_EVENT_NS = uuidNamespace('5d8f3c71-9a2e-5b04-a6c8-e17b2f90d4a3');
const BULK_REQUEST_NS = uuidNamespace('a2e4b7d9-0c13-5f68-b4a1-8d6e3f2c9b57');

/** Credential id: the same (providerId, credentialRef) always lands on one stream. */
export function credentialIdFor(providerId: string, credentialRef: string): string {
  // providerId is a slug without NUL, so the first NUL ends it: the encoding is unambiguous.
  return nameBasedId(`${providerId}\u0000${credentialRef}`, CREDENTIAL_NS);
}

/**
 * Event id of a provider-sourced event: the dedupe key of (providerId, sourceEventId).
 *
 * Ids without NUL keep the original encoding (`providerId NUL sourceEventId` in EVENT_NS),
 * so events stored before the id spaces were separated keep their ids. That string has
 * exactly one NUL, while internalEventId's has two; an id that itself holds a NUL (which
 * validation refuses anyway) moves to its own namespace, where it cannot be read as an
 * internal key either.
 */
export function eventIdFor(providerId: string, sourceEventId: string): string {
  if (sourceEventId.includes('\u0000')) return nameBasedId(JSON.stringify([providerId, sourceEventId]), SOURCE_EVENT_NS);
  return nameBasedId(`${providerId}\u0000${sourceEventId}`, EVENT_NS);
}

/**
 * Event id of one credential's event in a bulk action. Bulk ids live apart from the
 * provider's own sourceEventIds (another namespace), so no provider event can pre-empt
 * a bulk action; the JSON array keeps (requestId, credentialRef) apart whatever they hold,
 * and nothing is ever cut short.
 */
export function bulkEventIdFor(providerId: string, requestId: string, credentialRef: string): string {
  return nameBasedId(JSON.stringify([providerId, requestId, credentialRef]), BULK_EVENT_NS);
}

/** Id of a bulk action request (its stream and its BulkActionRequested event): one per (providerId, requestId). */
export function bulkRequestIdFor(providerId: string, requestId: string): string {
  return nameBasedId(JSON.stringify([providerId, requestId]), BULK_REQUEST_NS);
}

/** Event id of an event the ledger or an admin produces from a request-scoped key. */
export function internalEventId(scope: string, key: string): string {
  return nameBasedId(`internal\u0000${scope}\u0000${key}`, EVENT_NS);
}
