import { Command } from '@nestjs/cqrs';
import { Principal } from '@app/auth';
import { RequestContext } from '@app/contracts';
import { BatchOutcome } from '../ingest-batch/ingest-batch.command';
import { PresentedSignature } from '../../signed-requests';
import { BulkRequest } from './bulk-identity';

export class BulkActionCommand extends Command<BatchOutcome> {
  constructor(
    readonly providerId: string,
    readonly request: BulkRequest,
    readonly principal: Principal,
    readonly ctx: RequestContext,
    readonly signature: PresentedSignature = {},
  ) {
    super();
  }
}
