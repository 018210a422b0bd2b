import { Body, Controller, Get, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { Response } from 'express';
import { Principal, Roles } from '@app/auth';
import { FeedPageResponse, NotFoundError, PartnerResponse, PartnerWebhookStatusResponse, PartnerWrittenResponse, PROVIDER_ID_PATTERN, RegisterPartnerRequest, RequestContext } from '@app/contracts';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { READ_STORE, ReadStore } from '@app/read-store';
import { ApiKeyAuth, ApiProblems, BODY_PROBLEMS, Ctx, RequestValidationError } from '@app/platform';
import { FeedProjections } from './feed-projections.service';
import { FeedWebhooks } from './webhooks/feed-webhooks.service';
import { readFeed } from './feed-reader';
import { visiblePartner } from './partners.handlers';
import { GetPartnerQuery, RegisterPartnerCommand } from './partners.messages';

type Caller = RequestContext & { principal: Principal };

/** A long poll answers within this, entries or not: bounded so no request holds a connection for long. */
export const MAX_WAIT_SECONDS = 30;
const DEFAULT_LIMIT = 100;

export class FeedPageRequest {
  @ApiPropertyOptional({ minimum: 0, default: 0, description: 'the last sequence already read (`next` of the previous page); 0 reads from the start' })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'after must be a whole number' }) @Min(0, { message: 'after must be 0 or more' }) @Max(Number.MAX_SAFE_INTEGER) after?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: DEFAULT_LIMIT })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'limit must be a whole number' }) @Min(1, { message: 'limit must be 1-1000' }) @Max(1000, { message: 'limit must be 1-1000' }) limit?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: MAX_WAIT_SECONDS, default: 0, description: 'seconds to wait for an entry when there is none yet; answered as soon as one is written' })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'wait must be a whole number of seconds' }) @Min(0, { message: `wait must be 0-${MAX_WAIT_SECONDS}` }) @Max(MAX_WAIT_SECONDS, { message: `wait must be 0-${MAX_WAIT_SECONDS}` }) wait?: number;
}

function partnerIdParam(partnerId: string): string {
  if (!PROVIDER_ID_PATTERN.test(partnerId)) throw new RequestValidationError([{ field: 'partnerId', message: 'partnerId must be a lower-case slug of 2-63 letters, digits or dashes' }]);
  return partnerId;
}

/** Integration partners, registered by an admin, and the feed each reads. */
@ApiTags('partners')
@ApiKeyAuth()
@Controller('v1')
export class PartnersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly feeds: FeedProjections,
    private readonly webhooks: FeedWebhooks,
    @Inject(READ_STORE) private readonly reads: ReadStore,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  @ApiCreatedResponse({ type: PartnerWrittenResponse, description: 'registered' })
  @ApiOkResponse({ type: PartnerWrittenResponse, description: 'the same registration was already there (a retry)' })
  @ApiProblems(...BODY_PROBLEMS, 409)
  @Post('partners')
  @Roles('admin')
  @ApiOperation({ summary: 'Register an integration partner (PartnerRegistered): its scope (jurisdictions, event kinds, purposes) and deliveries (Kafka topic feed.{partnerId}.v1, HTTP long poll)' })
  async register(@Body() body: RegisterPartnerRequest, @Ctx() ctx: Caller, @Res({ passthrough: true }) res: Response) {
    const { partnerId, position, created } = await this.commands.execute(new RegisterPartnerCommand(body, ctx));
    res.status(created ? 201 : 200);
    return { partnerId, position };
  }

  @ApiOkResponse({ type: PartnerResponse })
  @ApiProblems(400, 404)
  @Get('partners/:partnerId')
  @Roles('admin', 'partner')
  @ApiOperation({ summary: "A partner's registration: admins read any, a partner key only its own (any other is 404, as for an unknown partner)" })
  get(@Param('partnerId') partnerId: string, @Ctx() ctx: Caller) {
    return this.queries.execute(new GetPartnerQuery(partnerIdParam(partnerId), ctx.principal));
  }

  @ApiOkResponse({ type: PartnerWebhookStatusResponse })
  @ApiProblems(400, 404)
  @Get('partners/:partnerId/webhook')
  @Roles('admin', 'partner')
  @ApiOperation({
    summary: "A partner's webhook: active or disabled, how far it was delivered, the last failure, and the Standard Webhooks signing secret to verify deliveries with",
    description: 'Deliveries are retried with exponential backoff (1 s doubling, at most 5 min) and disabled after 10 failures in a row. 404 when the partner registered no webhook, or is not the caller.',
  })
  async webhook(@Param('partnerId') partnerId: string, @Ctx() ctx: Caller): Promise<PartnerWebhookStatusResponse> {
    await visiblePartner(this.events, ctx.principal, partnerIdParam(partnerId));
    const status = await this.webhooks.status(partnerId);
    if (!status) throw new NotFoundError('webhook');
    return status;
  }

  @ApiOkResponse({ type: FeedPageResponse })
  @ApiProblems(400, 404)
  @Get('feeds/:partnerId/events')
  @Roles('admin', 'partner')
  @ApiOperation({
    summary: "A partner's feed after sequence `after`, as CloudEvents 1.0 (structured JSON); with `wait`, a long poll that answers as soon as an entry is written",
    description: 'The same feed from the start always holds the same entries in the same order (at-least-once: dedupe on `id`). A partner key reads only its own feed; any other is 404, as for an unknown partner.',
  })
  async feed(@Param('partnerId') partnerId: string, @Query() query: FeedPageRequest, @Ctx() ctx: Caller): Promise<FeedPageResponse> {
    await visiblePartner(this.events, ctx.principal, partnerIdParam(partnerId));
    const after = query.after ?? 0;
    const limit = query.limit ?? DEFAULT_LIMIT;
    const deadline = Date.now() + (query.wait ?? 0) * 1000;
    let seen = this.feeds.position;
    let entries = await readFeed(this.reads, partnerId, after, limit);
    while (entries.length === 0 && Date.now() < deadline) {
      await this.feeds.nextBatch(deadline - Date.now(), seen);
      seen = this.feeds.position;
      entries = await readFeed(this.reads, partnerId, after, limit);
    }
    return { partnerId, events: entries.map((e) => ({ ...e.event, data: { ...e.event.data } })), next: entries.length > 0 ? entries[entries.length - 1].seq : after };
  }
}
