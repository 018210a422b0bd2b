import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ItemOutcome, NotFoundError, RequestContext, Streams } from '@app/contracts';
import { EVENT_STORE, EventStore, foldStream } from '@app/event-store';
import { evolveProvider, initialProviderState, ProviderState } from '../provider/provider.state';
import { IngestService } from './ingest.service';
import { checkSignature, PresentedSignature } from '../signed-requests';

export class IngestBatchCommand {
  constructor(
    readonly providerId: string,
    readonly items: unknown[],
    readonly ctx: RequestContext,
    readonly signature: PresentedSignature = {},
  ) {}
}

export interface BatchOutcome {
  results: ItemOutcome[];
  summary: { accepted: number; duplicate: number; rejected: number };
}

export type RegisteredProvider = { registered: NonNullable<ProviderState['registered']> };

/** The provider a signed write is for, once its signature passed: 404 when unknown, 403 when the signature fails. */
export async function signedProvider(events: EventStore, providerId: string, signature: PresentedSignature): Promise<RegisteredProvider> {
  const provider = await foldStream(events, Streams.provider(providerId), evolveProvider, initialProviderState);
  const registered = provider.state.registered;
  if (!registered) throw new NotFoundError('provider');
  checkSignature(provider.state, signature);
  return { registered };
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
  ) {}

  async execute({ providerId, items, ctx, signature }: IngestBatchCommand): Promise<BatchOutcome> {
    const provider = await signedProvider(this.events, providerId, signature);
    return batchOutcome(await this.ingest.ingest(provider, items, ctx));
  }
}
