import { bulkEventIdFor } from '@app/contracts';
import { HolderDigests } from '../holder-digests';
import { IdentifyItem } from '../item-identity';

export interface BulkRequest {
  requestId: string;
  action: 'revoke' | 'suspend' | 'reinstate';
  reason: string;
  credentialRefs: string[];
}

/** The fingerprint of a whole bulk request — action, reason and the set of refs — so a retry in another order still matches. */
export function bulkFingerprint(holders: HolderDigests, request: BulkRequest): string {
  return holders.fingerprint({
    bulk: { action: request.action, reason: request.reason, credentialRefs: [...new Set(request.credentialRefs)].sort() },
  });
}

/**
 * Bulk items are identified in the bulk id space by (requestId, credentialRef), never by a
 * sourceEventId a provider could also send, and carry the fingerprint of the whole request.
 */
export function byBulkRequest(request: BulkRequest, fingerprint: string): IdentifyItem {
  return (providerId, _item, data) => ({
    eventId: bulkEventIdFor(providerId, request.requestId, data.credentialRef as string),
    fingerprint,
    field: 'requestId',
  });
}
