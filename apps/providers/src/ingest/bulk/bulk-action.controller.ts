import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, Matches } from 'class-validator';
import { ProviderScoped, Roles } from '@app/auth';
import { ID_RULE, IsLedgerId, IsText, MAX_BATCH_ITEMS, MAX_SOURCE_ID_LENGTH, RequestContext } from '@app/contracts';
import { Ctx } from '@app/platform';
import { ProviderIdPipe } from '../../provider/provider-id.pipe';
import { BatchOutcome, IngestBatchCommand } from '../ingest-batch.handler';

const ACTIONS = { revoke: 'CredentialRevoked', suspend: 'CredentialSuspended', reinstate: 'CredentialReinstated' } as const;

export class BulkActionRequest {
  @ApiProperty({ description: 'the caller\'s id of this request: retrying it answers duplicates, not new events', example: 'recall-2026-11' })
  @Matches(/^[A-Za-z0-9._:-]{1,100}$/, { message: 'requestId must be 1-100 letters, digits or . _ : -' })
  requestId!: string;

  @ApiProperty({ enum: Object.keys(ACTIONS) }) @IsIn(Object.keys(ACTIONS)) action!: keyof typeof ACTIONS;

  @ApiProperty({ type: [String], description: `1 to ${MAX_BATCH_ITEMS} credentialRefs, each 1-${MAX_SOURCE_ID_LENGTH} characters of ${ID_RULE}` })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_BATCH_ITEMS) @IsLedgerId(MAX_SOURCE_ID_LENGTH, { each: true })
  credentialRefs!: string[];

  @ApiProperty({ maxLength: 1000 }) @IsText({ min: 1, max: 1000, multiline: true }) reason!: string;
}

/** Revoke, suspend or reinstate many credentials with one reason: a batch of one event per credential. */
@ApiTags('providers')
@Controller('v1/providers/:providerId/bulk-actions')
export class BulkActionController {
  constructor(private readonly commands: CommandBus) {}

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
