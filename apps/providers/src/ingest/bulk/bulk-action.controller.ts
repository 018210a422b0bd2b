import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ProviderScoped, Roles } from '@app/auth';
import { MAX_BATCH_ITEMS, RequestContext } from '@app/contracts';
import { Ctx } from '@app/platform';
import { ProviderIdPipe } from '../../provider/provider-id.pipe';
import { BatchOutcome, IngestBatchCommand } from '../ingest-batch.handler';
// The answers and refusals each route documents in OpenAPI.
import { ApiResponse } from '@nestjs/swagger';
import { BatchOutcomeResponse } from '@app/contracts';
import { ApiKeyAuth, ApiProblems, BODY_PROBLEMS } from '@app/platform';

const ACTIONS = { revoke: 'CredentialRevoked', suspend: 'CredentialSuspended', reinstate: 'CredentialReinstated' } as const;

export class BulkActionRequest {
  @ApiProperty({ description: 'the caller\'s id of this request: retrying it answers duplicates, not new events', example: 'recall-2026-11' })
  @Matches(/^[A-Za-z0-9._:-]{1,100}$/, { message: 'requestId must be 1-100 letters, digits or . _ : -' })
  requestId!: string;

  @ApiProperty({ enum: Object.keys(ACTIONS) }) @IsIn(Object.keys(ACTIONS)) action!: keyof typeof ACTIONS;

  @ApiProperty({ type: [String], description: `1 to ${MAX_BATCH_ITEMS} credentialRefs` })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_BATCH_ITEMS) @IsString({ each: true }) @MinLength(1, { each: true }) @MaxLength(200, { each: true })
  credentialRefs!: string[];

  @ApiProperty() @IsString() @MinLength(1) @MaxLength(1000) reason!: string;
}

/** Revoke, suspend or reinstate many credentials with one reason: a batch of one event per credential. */
@ApiTags('providers')
@ApiKeyAuth()
@Controller('v1/providers/:providerId/bulk-actions')
export class BulkActionController {
  constructor(private readonly commands: CommandBus) {}

  @ApiResponse({ status: 207, type: BatchOutcomeResponse, description: 'one outcome per credentialRef, in their order' })
  @ApiProblems(...BODY_PROBLEMS, 404)
  @Post()
  @HttpCode(207)
  @Roles('provider', 'admin')
  @ProviderScoped()
  @ApiOperation({ summary: 'Revoke, suspend or reinstate many credentials in one request, one outcome per credentialRef' })
  async act(@Param('providerId', ProviderIdPipe) providerId: string, @Body() body: BulkActionRequest, @Ctx() ctx: RequestContext): Promise<BatchOutcome> {
    const items = body.credentialRefs.map((credentialRef) => ({
      sourceEventId: `bulk:${body.requestId}:${credentialRef}`.slice(0, 200),
      type: ACTIONS[body.action],
      data: { credentialRef, reason: body.reason },
    }));
    return this.commands.execute(new IngestBatchCommand(providerId, items, { ...ctx, correlationId: body.requestId }));
  }
}
