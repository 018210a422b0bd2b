import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Principal, ProviderScoped, Roles } from '@app/auth';
import { ProviderEventBatch, RequestContext } from '@app/contracts';
import { Ctx } from '@app/platform';
import { ProviderIdPipe } from '../provider/provider-id.pipe';
import { BatchOutcome, IngestBatchCommand } from './ingest-batch.handler';
import { ApiSignatureHeaders, signatureOf } from './signature-check';

@ApiTags('providers')
@Controller('v1/providers/:providerId/events')
export class IngestController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(207)
  @Roles('provider', 'admin')
  @ProviderScoped()
  @ApiOperation({ summary: 'Publish a batch of credential lifecycle events; each item is accepted, duplicate or rejected on its own' })
  @ApiResponse({ status: 207, description: 'per-item outcomes, in the order of the items' })
  @ApiSignatureHeaders()
  async publish(
    @Param('providerId', ProviderIdPipe) providerId: string,
    @Body() body: ProviderEventBatch,
    @Ctx() ctx: RequestContext & { principal: Principal },
    @Req() req: Request & { bodyDigest?: Buffer },
  ): Promise<BatchOutcome> {
    return this.commands.execute(new IngestBatchCommand(providerId, body.items, ctx, signatureOf(req)));
  }
}
