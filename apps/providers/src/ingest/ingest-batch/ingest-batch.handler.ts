import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ForbiddenError, mayActForProvider, Principal } from '@app/auth';
import { ItemOutcome, NotFoundError, SignatureNote, Streams } from '@app/contracts';
import { EVENT_STORE, EventStore, foldStream } from '@app/event-store';
import { evolveProvider, initialProviderState } from '../../provider/provider.state';
import { IngestService, RegisteredProvider } from '../ingest.service';
import { checkSignature, PresentedSignature, SignatureError } from '../../signed-requests';
import { EvidenceRecorder } from '../../evidence/evidence-recorder';
import { BatchOutcome, IngestBatchCommand } from './ingest-batch.command';

/**
 * The provider a write is for, once the principal may act for it and the signature passed:
 * 403 for another provider's key, 404 when unknown, 403 when the signature fails.
 */
export async function signedProvider(events: EventStore, principal: Principal, providerId: string, signature: PresentedSignature): Promise<RegisteredProvider> {
  const provider = await loadProvider(events, principal, providerId);
  checkSignature(provider, signature);
  return provider;
}

async function loadProvider(events: EventStore, principal: Principal, providerId: string): Promise<RegisteredProvider> {
  if (!mayActForProvider(principal, providerId)) throw new ForbiddenError();
  const { state } = await foldStream(events, Streams.provider(providerId), evolveProvider, initialProviderState);
  if (!state.registered) throw new NotFoundError('provider');
  return { ...state, registered: state.registered };
}

export function batchOutcome(results: ItemOutcome[]): BatchOutcome {
  const summary = { accepted: 0, duplicate: 0, rejected: 0 };
  for (const r of results) summary[r.outcome] += 1;
  return { results, summary };
}

@CommandHandler(IngestBatchCommand)
export class IngestBatchHandler implements ICommandHandler<IngestBatchCommand, BatchOutcome> {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly ingest: IngestService,
    private readonly evidence: EvidenceRecorder,
  ) {}

  async execute({ providerId, items, principal, ctx, signature, itemPath }: IngestBatchCommand): Promise<BatchOutcome> {
    if (!Array.isArray(signature)) {
      const provider = await loadProvider(this.events, principal, providerId);
      const note = checkSignature(provider, signature, { noteUnknownKeys: true });
      // Kept before anything is appended: every event of the batch links it.
      const [evidence] = await this.evidence.keep(providerId, [signature], ctx.now);
      return batchOutcome(await this.ingest.ingest(provider, items, { ...ctx, ...(note ? { signature: note } : {}), ...(evidence ? { evidence } : {}) }, itemPath));
    }
    // One signature per item: an item whose signature fails is rejected on its own, the others go on.
    const provider = await loadProvider(this.events, principal, providerId);
    const outcomes: ItemOutcome[] = new Array(items.length);
    // Items are ingested in runs sharing one signature note (most often none), in their order.
    const runs: { note?: SignatureNote; indexes: number[] }[] = [];
    const passed: number[] = [];
    items.forEach((item, index) => {
      try {
        const note = checkSignature(provider, signature[index] ?? {}, { noteUnknownKeys: true });
        passed.push(index);
        const last = runs.at(-1);
        if (last && last.note?.keyId === note?.keyId && last.note?.verdict === note?.verdict) last.indexes.push(index);
        else runs.push({ note, indexes: [index] });
      } catch (error) {
        if (!(error instanceof SignatureError)) throw error;
        outcomes[index] = { index, ...sourceEventIdOf(item), outcome: 'rejected', errors: [{ code: error.code, message: error.message }] };
      }
    });
    // Each message that came signed is its own evidence, all kept in one durable write before any append.
    const kept = await this.evidence.keep(providerId, passed.map((i) => signature[i] ?? {}), ctx.now);
    const evidenceOf = new Map(passed.map((index, k) => [index, kept[k]]));
    for (const run of runs) {
      const options = { evidenceOf: (k: number) => evidenceOf.get(run.indexes[k]) };
      const results = await this.ingest.ingest(provider, run.indexes.map((i) => items[i]), run.note ? { ...ctx, signature: run.note } : ctx, itemPath, options);
      for (const r of results) outcomes[run.indexes[r.index]] = { ...r, index: run.indexes[r.index] };
    }
    return batchOutcome(outcomes);
  }
}

function sourceEventIdOf(item: unknown): { sourceEventId?: string } {
  const id = item && typeof item === 'object' && 'sourceEventId' in item ? item.sourceEventId : undefined;
  return typeof id === 'string' ? { sourceEventId: id.slice(0, 200) } : {};
}
