import { Command } from '@nestjs/cqrs';
import { Principal } from '@app/auth';
import { ItemOutcome, RequestContext } from '@app/contracts';
import { PresentedSignature } from '../../signed-requests';

export interface BatchOutcome {
  results: ItemOutcome[];
  summary: { accepted: number; duplicate: number; rejected: number };
}

/**
 * A batch of provider lifecycle events, from HTTP or Kafka alike: the handler checks the
 * principal may act for the provider, loads it, checks signatures and ingests.
 */
export class IngestBatchCommand extends Command<BatchOutcome> {
  constructor(
    readonly providerId: string,
    readonly items: unknown[],
    readonly principal: Principal,
    readonly ctx: RequestContext,
    /** One signature over the whole request (HTTP), or one per item (Kafka: each message signs its own value). */
    readonly signature: PresentedSignature | PresentedSignature[] = {},
    /** Names an item in field errors: `items[3]` for an HTTP batch; empty for a Kafka message, whose value is the item. */
    readonly itemPath?: (index: number) => string,
  ) {
    super();
  }
}
