import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BulkActionRequested, buildMetadata, bulkRequestIdFor, EventTypes, RequestContext, Streams } from '@app/contracts';
import { EVENT_STORE, EventIdReusedError, EventStore } from '@app/event-store';
import { HolderDigests } from '../holder-digests';
import { BatchOutcome } from '../ingest-batch/ingest-batch.command';
import { batchOutcome, signedProvider } from '../ingest-batch/ingest-batch.handler';
import { IngestService, RegisteredProvider } from '../ingest.service';
import { reusedIdError, SourceIdReusedError } from '../item-identity';
import { BulkActionCommand } from './bulk-action.command';
import { bulkFingerprint, BulkRequest, byBulkRequest } from './bulk-identity';
import { EvidenceRecorder } from '../../evidence/evidence-recorder';

const EVENT_OF_ACTION = { revoke: 'CredentialRevoked', suspend: 'CredentialSuspended', reinstate: 'CredentialReinstated' } as const;

/**
 * A bulk action: signature checked like a batch, the request recorded once under its
 * requestId (so the id cannot be reused for another request), then one lifecycle event per
 * credential through the ordinary ingest, with ids from the bulk id space.
 */
@CommandHandler(BulkActionCommand)
export class BulkActionHandler implements ICommandHandler<BulkActionCommand, BatchOutcome> {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly ingest: IngestService,
    private readonly holders: HolderDigests,
    private readonly evidence: EvidenceRecorder,
  ) {}

  async execute({ providerId, request, principal, ctx, signature }: BulkActionCommand): Promise<BatchOutcome> {
    const provider = await signedProvider(this.events, principal, providerId, signature);
    const fingerprint = bulkFingerprint(this.holders, request);
    const [evidence] = await this.evidence.keep(providerId, [signature], ctx.now);
    const context = { ...ctx, correlationId: request.requestId, ...(evidence ? { evidence } : {}) };
    await this.record(provider, request, fingerprint, context);
    // The requestId stands as each item's source id; event ids come from the bulk id space.
    const items = request.credentialRefs.map((credentialRef) => ({
      sourceEventId: request.requestId,
      type: EVENT_OF_ACTION[request.action],
      data: { credentialRef, reason: request.reason },
    }));
    return batchOutcome(await this.ingest.ingest(provider, items, context, undefined, { identify: byBulkRequest(request, fingerprint) }));
  }

  /**
   * Appends BulkActionRequested, or finds it already there for this very request (a retry,
   * which goes on and is answered item by item). Another request under the requestId is
   * refused by the store's idempotency check, before any credential is touched.
   */
  private async record({ registered }: RegisteredProvider, request: BulkRequest, fingerprint: string, ctx: RequestContext): Promise<void> {
    const id = bulkRequestIdFor(registered.providerId, request.requestId);
    const data: BulkActionRequested = {
      providerId: registered.providerId, requestId: request.requestId, action: request.action, reason: request.reason,
      credentialCount: new Set(request.credentialRefs).size,
    };
    try {
      await this.events.append({
        streamId: Streams.bulkAction(id),
        expectedRevision: 'no-stream',
        events: [{
          type: EventTypes.BulkActionRequested, data,
          metadata: buildMetadata(ctx, { eventId: id, jurisdiction: registered.jurisdiction, sourceEventId: request.requestId, requestFingerprint: fingerprint }),
        }],
      });
    } catch (error) {
      if (error instanceof EventIdReusedError) throw new SourceIdReusedError('requestId', reusedIdError('requestId', 'other-request').message);
      throw error;
    }
  }
}
