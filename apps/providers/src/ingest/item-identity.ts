import { eventIdFor, ItemError, ProviderEventItem } from '@app/contracts';
import { EventIdReusedError } from '@app/event-store';
import { ConflictError } from '@app/platform';
import { HolderDigests } from './holder-digests';

/** Who an item is to the ledger: the event id it dedupes on and the fingerprint of its request. */
export interface ItemIdentity {
  eventId: string;
  /** Keyed digest of the request (HolderDigests.fingerprint): a resend matches it, a reuse does not. */
  fingerprint: string;
  /** The field a reuse of the id is reported on: `items[3].sourceEventId`, or `requestId` for a bulk action. */
  field: string;
}

export type IdentifyItem = (providerId: string, item: ProviderEventItem, data: Record<string, unknown>, path: string) => ItemIdentity;

/**
 * A provider event is identified by its sourceEventId in the provider's own id space; its
 * fingerprint covers what it asks for ({type, data}, as validated, before any digesting).
 */
export function bySourceEventId(holders: HolderDigests): IdentifyItem {
  return (providerId, item, data, path) => ({
    eventId: eventIdFor(providerId, item.sourceEventId),
    fingerprint: holders.fingerprint({ type: item.type, data }),
    field: path ? `${path}.sourceEventId` : 'sourceEventId',
  });
}

/** The per-item answer to an id used before for something else. */
export function reusedIdError(field: string, reason: EventIdReusedError['reason']): ItemError {
  const name = field.slice(field.lastIndexOf('.') + 1);
  const message = reason === 'other-stream'
    ? `this ${name} was already used for another credential`
    : `this ${name} was already used for a different request; resend only the exact original request, or use a new ${name}`;
  return { code: SOURCE_ID_REUSED, field, message };
}

export const SOURCE_ID_REUSED = 'EVENT.SOURCE_ID_REUSED';

/** A whole request refused because its id was used before for another request (409). */
export class SourceIdReusedError extends ConflictError {
  constructor(field: string, message: string) {
    super(SOURCE_ID_REUSED, message, { errors: [{ field, message }] });
  }
}
