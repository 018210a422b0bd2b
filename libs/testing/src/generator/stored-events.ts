import { randomUUID } from 'node:crypto';
import { buildMetadata, credentialIdFor, eventIdFor, LedgerEvent, Streams } from '@app/contracts';
import { AppendRequest } from '@app/event-store';
import { IdentifierDigester } from '@app/personal-data';
import { DataSet, GeneratedBatch } from './data-set';

/**
 * A provider batch as the events the ledger stores for it, for loading a large log straight
 * into an event store (the rebuild bench) instead of through the API: the same stream ids,
 * event ids (from providerId + sourceEventId), data and metadata as ingest writes, identifier
 * digests under the ledger's pepper. Holder names and birth dates are left out: sealing them
 * takes the ledger's key vault.
 */
export function storedEvents(set: DataSet, batch: GeneratedBatch, digester: IdentifierDigester, now: string): AppendRequest[] {
  const provider = set.providers.find((p) => p.providerId === batch.providerId)!;
  const correlationId = randomUUID();
  return batch.items.map((item) => {
    const { credentialRef } = item.data as { credentialRef: string };
    const credentialId = credentialIdFor(provider.providerId, credentialRef);
    const refs = { credentialId, credentialRef, providerId: provider.providerId };
    let data: Record<string, unknown>;
    if (item.type === 'CredentialIssued') {
      const { holder, achievementId, issuedAt, validUntil, grade } = item.data as any;
      data = {
        ...refs, achievementId, issuedAt,
        holder: { identifierDigests: (holder.identifiers as { scheme: string; value: string }[]).map((i) => digester.digest(i.scheme, i.value)) },
        ...(validUntil ? { validUntil } : {}), ...(grade ? { grade } : {}),
      };
    } else {
      const { credentialRef: _ref, ...rest } = item.data;
      data = { ...refs, ...rest };
    }
    const metadata = buildMetadata(
      { actor: { role: 'provider', id: `generated-${provider.providerId}` }, channel: 'http', correlationId, now },
      { eventId: eventIdFor(provider.providerId, item.sourceEventId), jurisdiction: provider.jurisdiction, sourceEventId: item.sourceEventId, occurredAt: item.occurredAt },
    );
    return { streamId: Streams.credential(credentialId), expectedRevision: 'any', events: [{ type: item.type, data, metadata } as unknown as LedgerEvent & { metadata: typeof metadata }] };
  });
}
