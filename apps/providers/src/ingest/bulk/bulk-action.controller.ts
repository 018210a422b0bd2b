import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, Matches } from 'class-validator';
import { Principal, ProviderScoped, Roles } from '@app/auth';
import { BULK_ACTIONS, ID_RULE, IsLedgerId, IsText, MAX_BATCH_ITEMS, MAX_SOURCE_ID_LENGTH, RequestContext } from '@app/contracts';
import { Ctx } from '@app/platform';
import { ProviderIdPipe } from '../../provider/provider-id.pipe';
import { BatchOutcome } from '../ingest-batch/ingest-batch.command';
import { ApiSignatureHeaders, signatureOf } from '../../signed-requests';
import { BulkActionCommand } from './bulk-action.command';
// The answers and refusals each route documents in OpenAPI.
import { BatchOutcomeResponse } from '@app/contracts';
import { ApiKeyAuth, ApiProblems, BODY_PROBLEMS } from '@app/platform';

export class BulkActionRequest {
  @ApiProperty({ description: 'the caller\'s id of this request: resending the same request answers duplicates; the same id for another request is refused (409)', example: 'recall-2026-11' })
  @Matches(/^[A-Za-z0-9._:-]{1,100}$/, { message: 'requestId must be 1-100 letters, digits or . _ : -' })
  requestId!: string;

  @ApiProperty({ enum: BULK_ACTIONS }) @IsIn(BULK_ACTIONS) action!: (typeof BULK_ACTIONS)[number];

  @ApiProperty({ type: [String], description: `1 to ${MAX_BATCH_ITEMS} credentialRefs, each 1-${MAX_SOURCE_ID_LENGTH} characters of ${ID_RULE}` })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_BATCH_ITEMS) @IsLedgerId(MAX_SOURCE_ID_LENGTH, { each: true })
  credentialRefs!: string[];

  @ApiProperty({ maxLength: 1000 }) @IsText({ min: 1, max: 1000, multiline: true }) reason!: string;
}

/**
 * Revoke, suspend or reinstate many credentials with one reason: a batch of one event per
 * credential, signed and checked like any batch, its ids in the bulk id space.
 */
@ApiTags('providers')
@ApiKeyAuth()
@Controller('v1/providers/:providerId/bulk-actions')
export class BulkActionController {
  constructor(private readonly commands: CommandBus) {}

  @ApiResponse({ status: 207, type: BatchOutcomeResponse, description: 'one outcome per credentialRef, in their order' })
  @ApiProblems(...BODY_PROBLEMS, 404, 409)
  @Post()
  @HttpCode(207)
  @Roles('provider', 'admin')
  @ProviderScoped()
  @ApiOperation({ summary: 'Revoke, suspend or reinstate many credentials in one request, one outcome per credentialRef' })
  @ApiSignatureHeaders()
  async act(
    @Param('providerId', ProviderIdPipe) providerId: string,
    @Body() body: BulkActionRequest,
    @Ctx() ctx: RequestContext & { principal: Principal },
    @Req() req: Request & { bodyDigest?: Buffer },
  ): Promise<BatchOutcome> {
    return this.commands.execute(new BulkActionCommand(providerId, body, ctx.principal, ctx, signatureOf(req)));
  }
}
