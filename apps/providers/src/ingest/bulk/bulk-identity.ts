import { bulkEventIdFor } from '@app/contracts';
import { HolderDigests } from '../holder-digests';
import { IdentifyItem } from '../item-identity';

export interface BulkRequest {
  requestId: string;
  action: string;
  reason: string;
  credentialRefs: string[];
}

/**
 * Bulk items are identified in the bulk id space by (requestId, credentialRef), never by a
 * sourceEventId a provider could also send. Every item carries the fingerprint of the whole
 * request — action, reason and the set of refs — so reusing the requestId for anything
 * else is told from a retry of the same request.
 */
export function byBulkRequest(holders: HolderDigests, request: BulkRequest): IdentifyItem {
  const fingerprint = holders.fingerprint({
    bulk: { action: request.action, reason: request.reason, credentialRefs: [...new Set(request.credentialRefs)].sort() },
  });
  return (providerId, _item, data) => ({
    eventId: bulkEventIdFor(providerId, request.requestId, data.credentialRef as string),
    fingerprint,
    field: 'requestId',
  });
}
