import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ItemOutcome, NotFoundError, RequestContext, Streams } from '@app/contracts';
import { EVENT_STORE, EventStore, foldStream } from '@app/event-store';
import { evolveProvider, initialProviderState } from '../provider/provider.state';
import { IngestOptions, IngestService } from './ingest.service';
import { checkSignature, PresentedSignature } from './signature-check';

export class IngestBatchCommand {
  constructor(
    readonly providerId: string,
    readonly items: unknown[],
    readonly ctx: RequestContext,
    readonly signature: PresentedSignature = {},
    readonly options: IngestOptions = {},
  ) {}
}

export interface BatchOutcome {
  results: ItemOutcome[];
  summary: { accepted: number; duplicate: number; rejected: number };
}

@CommandHandler(IngestBatchCommand)
export class IngestBatchHandler implements ICommandHandler<IngestBatchCommand, BatchOutcome> {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly ingest: IngestService,
  ) {}

  async execute({ providerId, items, ctx, signature, options }: IngestBatchCommand): Promise<BatchOutcome> {
    const provider = await foldStream(this.events, Streams.provider(providerId), evolveProvider, initialProviderState);
    const registered = provider.state.registered;
    if (!registered) throw new NotFoundError('provider');
    checkSignature(provider.state, signature);
    const results = await this.ingest.ingest({ registered }, items, ctx, undefined, options);
    const summary = { accepted: 0, duplicate: 0, rejected: 0 };
    for (const r of results) summary[r.outcome] += 1;
    return { results, summary };
  }
}
