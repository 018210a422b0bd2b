import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiParam, getSchemaPath, ApiPropertyOptional, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import type { Response } from 'express';
import { Principal, Roles } from '@app/auth';
import { EventTypes, IsCalendarDateOrInstant, JURISDICTION_PATTERN, PROVIDER_ID_PATTERN, RequestContext, RequestValidationError } from '@app/contracts';
import { ApiKeyAuth, ApiProblems, Ctx } from '@app/platform';
import { decodeCursor } from './audit-cursor';
import { AuditPageResponse, AuditStateResponse, AuditStreamResponse, NDJSON_SCHEMA } from './audit.responses';
import { AuditService } from './audit.service';
import { NDJSON, NdjsonWriter, wantsNdjson } from './ndjson-writer';

/** Every event type the log may hold, including the verifiable log's checkpoints. */
export const AUDIT_EVENT_TYPES = [...new Set<string>([...Object.values(EventTypes), 'LedgerCheckpointSigned'])].sort();
const DEFAULT_LIMIT = 100;
const STREAM_ID = /^[a-z][a-z0-9]{0,30}(-[A-Za-z0-9._:-]{1,200})?$/;

export class AuditEventsRequest {
  @ApiPropertyOptional({ example: 'NZ', description: 'events touching this jurisdiction (a group such as EU covers its members)' })
  @IsOptional() @Matches(JURISDICTION_PATTERN, { message: 'jurisdiction must be an ISO 3166-1 alpha-2 or ISO 3166-2 code, or EU' }) jurisdiction?: string;
  @ApiPropertyOptional({ example: 'uni-a' }) @IsOptional() @Matches(PROVIDER_ID_PATTERN, { message: 'providerId must be a lower-case slug of 2-63 letters, digits or dashes' }) providerId?: string;
  @ApiPropertyOptional({ example: 'nzqa' }) @IsOptional() @Matches(PROVIDER_ID_PATTERN, { message: 'qaBodyId must be a lower-case slug of 2-63 letters, digits or dashes' }) qaBodyId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: "the learner's own events and every event of a credential linked to the learner" })
  @IsOptional() @IsUUID(undefined, { message: 'learnerId must be a UUID' }) learnerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID(undefined, { message: 'credentialId must be a UUID' }) credentialId?: string;
  @ApiPropertyOptional({ enum: AUDIT_EVENT_TYPES }) @IsOptional() @IsIn(AUDIT_EVENT_TYPES, { message: 'type must be an event type of the ledger' }) type?: string;
  @ApiPropertyOptional({ example: '2026-01-01T00:00:00Z', description: 'recorded at or after (a date is its midnight UTC)' }) @IsOptional() @IsCalendarDateOrInstant() from?: string;
  @ApiPropertyOptional({ example: '2026-12-31T23:59:59Z', description: 'recorded at or before' }) @IsOptional() @IsCalendarDateOrInstant() to?: string;
  @ApiPropertyOptional({ description: 'the `next` of the previous page (opaque)' }) @IsOptional() @MaxLength(64, { message: 'after must be the `next` of a previous page' }) after?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 10_000, default: DEFAULT_LIMIT, description: 'ignored with Accept: application/x-ndjson, which streams the whole result' })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'limit must be an integer' }) @Min(1, { message: 'limit must be at least 1' }) @Max(10_000, { message: 'limit must be at most 10000' }) limit?: number;
}

export class AuditStreamRequest {
  @ApiPropertyOptional({ minimum: 0, default: 0, description: 'first revision to answer (JSON pages of up to 10,000 events)' })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'fromRevision must be an integer' }) @Min(0, { message: 'fromRevision must be at least 0' }) fromRevision?: number;
}

export class AuditStateRequest {
  @ApiProperty({ example: '2026-06-30T00:00:00Z', description: 'the instant: events recorded at or before it (a date is its midnight UTC)' }) @IsCalendarDateOrInstant() asOf!: string;
}

type Caller = RequestContext & { principal: Principal };
const JSON_STREAM_CAP = 10_000;
const okJsonOrNdjson = (model: new () => object, ndjson: string) =>
  ApiOkResponse({ content: { 'application/json': { schema: { $ref: getSchemaPath(model) } }, [NDJSON]: { schema: { ...NDJSON_SCHEMA, description: ndjson } } } });

function streamIdOf(raw: string): string {
  if (!STREAM_ID.test(raw)) throw new RequestValidationError([{ field: 'streamId', message: 'streamId must be a stream name such as credential-{id}' }]);
  return raw;
}

const instant = (value: string) => (value.length === 10 ? `${value}T00:00:00.000Z` : value);

/**
 * The audit trail (issue 12 item 1), for admins (everything) and regulators (events that touch
 * their jurisdictions). Items are the events as stored in the event store, with their log
 * position, leaf index, actor, channel, correlation and causation ids. `Accept:
 * application/x-ndjson` streams the whole result, a page at a time.
 */
@ApiTags('audit')
@ApiExtraModels(AuditPageResponse, AuditStreamResponse, AuditStateResponse)
@ApiKeyAuth()
@Controller('v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('events')
  @Roles('admin', 'regulator')
  @okJsonOrNdjson(AuditPageResponse, 'with Accept: application/x-ndjson, every matching event (an AuditItemResponse) per line, the whole result')
  @ApiProblems(400)
  @ApiOperation({ summary: 'Events by filter in log order, a page at a time: `after` = the previous `next` (opaque); `more` says whether the index held more' })
  async events(@Query() query: AuditEventsRequest, @Headers('accept') accept: string | undefined, @Ctx() ctx: Caller, @Res() res: Response): Promise<void> {
    const after = decodeCursor(query.after);
    const from = query.from ? instant(query.from) : undefined;
    const to = query.to ? instant(query.to) : undefined;
    if (from && to && Date.parse(from) > Date.parse(to)) throw new RequestValidationError([{ field: 'from', message: 'from must not be after to' }]);
    const filter = { jurisdiction: query.jurisdiction, providerId: query.providerId, qaBodyId: query.qaBodyId, learnerId: query.learnerId, credentialId: query.credentialId, type: query.type, from, to };
    if (!wantsNdjson(accept)) {
      res.status(200).json(await this.audit.page(filter, ctx.principal, after, query.limit ?? DEFAULT_LIMIT));
      return;
    }
    const out = new NdjsonWriter(res);
    try {
      await this.audit.streamPages(filter, ctx.principal, after, out);
      out.end();
    } catch (error) {
      out.abort(error);
    }
  }

  @Get('streams/:streamId')
  @Roles('admin', 'regulator')
  @ApiParam({ name: 'streamId', example: 'credential-0f0f0f0f-0f0f-4f0f-8f0f-0f0f0f0f0f0f' })
  @okJsonOrNdjson(AuditStreamResponse, 'with Accept: application/x-ndjson, each event (an AuditItemResponse) per line')
  @ApiProblems(400, 404)
  @ApiOperation({ summary: "A stream's whole history as stored (a regulator: its events in the regulator's jurisdictions; none = 404)" })
  async stream(@Param('streamId') raw: string, @Query() query: AuditStreamRequest, @Headers('accept') accept: string | undefined, @Ctx() ctx: Caller, @Res() res: Response): Promise<void> {
    const streamId = streamIdOf(raw);
    const batches = this.audit.streamItems(streamId, ctx.principal, query.fromRevision ?? 0);
    // The first batch decides 404 before any byte is written.
    const first = await batches.next();
    if (!wantsNdjson(accept)) {
      const items = first.done ? [] : [...first.value];
      let truncated = false;
      for await (const batch of batches) {
        if (items.length >= JSON_STREAM_CAP) { truncated = true; break; }
        items.push(...batch);
      }
      const page = items.slice(0, JSON_STREAM_CAP);
      const nextRevision = truncated || items.length > JSON_STREAM_CAP ? page[page.length - 1].revision + 1 : undefined;
      res.status(200).json({ streamId, items: page, ...(nextRevision !== undefined ? { nextRevision } : {}) });
      return;
    }
    const out = new NdjsonWriter(res);
    try {
      if (!first.done && (await out.writeValues(first.value))) for await (const batch of batches) if (!(await out.writeValues(batch))) break;
      out.end();
    } catch (error) {
      out.abort(error);
    }
  }

  @Get('streams/:streamId/state')
  @Roles('admin', 'regulator')
  @ApiParam({ name: 'streamId', example: 'discrepancy-0f0f0f0f-0f0f-4f0f-8f0f-0f0f0f0f0f0f' })
  @okJsonOrNdjson(AuditStateResponse, 'with Accept: application/x-ndjson, each event recorded by asOf per line, then one line {streamId, asOf, revision, state, foldedWith}')
  @ApiProblems(400, 404)
  @ApiOperation({ summary: "A stream as the ledger knew it at `asOf`: its events recorded by then, and the state folded with records' own evolve where records has one (discrepancy, consent, stack, credential), else null" })
  async state(@Param('streamId') raw: string, @Query() query: AuditStateRequest, @Headers('accept') accept: string | undefined, @Ctx() ctx: Caller, @Res() res: Response): Promise<void> {
    const answer = await this.audit.stateAsOf(streamIdOf(raw), ctx.principal, instant(query.asOf));
    if (!wantsNdjson(accept)) {
      res.status(200).json(answer);
      return;
    }
    const out = new NdjsonWriter(res);
    const { events, ...rest } = answer;
    if (await out.writeValues(events)) await out.writeValues([rest]);
    out.end();
  }

  @Get('export')
  @Roles('admin', 'regulator')
  @ApiOkResponse({ content: { [NDJSON]: { schema: { ...NDJSON_SCHEMA, description: "one event's leaf input (RFC 8785 canonical JSON of {streamId, revision, type, data, metadata} as stored) per line" } } } })
  @ApiOperation({
    summary: "The log as NDJSON up to its head when the export starts, one event's leaf input (RFC 8785 canonical JSON, stored form) per line. "
      + "An admin's export is the whole log: line k (from 0) is leaf k. A regulator's holds only the events in its jurisdictions, so its lines are not the log's leaves by number (header Ledger-Export: filtered).",
  })
  async export(@Ctx() ctx: Caller, @Res() res: Response): Promise<void> {
    const out = new NdjsonWriter(res, { 'Ledger-Export': ctx.principal.role === 'admin' ? 'full' : 'filtered' });
    try {
      await this.audit.export(ctx.principal, out);
      out.end();
    } catch (error) {
      out.abort(error);
    }
  }
}
