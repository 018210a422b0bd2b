import { AnyEvent, NewEvent } from '@app/contracts';
import { EventIdReusedError } from './event-store.errors';

/** What an adapter knows of an already stored event with the id being appended. */
export interface StoredIdentity {
  eventId: string;
  type: string;
  requestFingerprint?: string | null;
}

/**
 * An append that repeats stored event ids is idempotent only when it repeats the same
 * events: same type and, where both carry one, the same request fingerprint. Anything else
 * reuses the id for another request and is refused. Events stored before fingerprints
 * existed are judged by their type alone.
 */
export function assertSameRequest(stored: StoredIdentity, incoming: NewEvent<AnyEvent>): void {
  if (!isSameRequest(stored, { type: incoming.type, requestFingerprint: incoming.metadata.requestFingerprint })) {
    throw new EventIdReusedError(stored.eventId, 'other-request');
  }
}

/** The rule of assertSameRequest as a question, for callers that judge before appending. */
export function isSameRequest(stored: Omit<StoredIdentity, 'eventId'>, incoming: { type: string; requestFingerprint?: string }): boolean {
  const theirs = stored.requestFingerprint ?? undefined;
  const ours = incoming.requestFingerprint;
  return stored.type === incoming.type && (theirs === undefined || ours === undefined || theirs === ours);
}
