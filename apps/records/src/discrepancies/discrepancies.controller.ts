import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Principal, Roles } from '@app/auth';
import {
  DISCREPANCY_KINDS, DiscrepancyListResponse, DiscrepancyResolution, DiscrepancyResolutionResponse, JURISDICTION_PATTERN, PERSON_DISCREPANCY_RESOLUTIONS, RequestContext,
} from '@app/contracts';
import { ApiKeyAuth, ApiProblems, Ctx, RequestValidationError } from '@app/platform';
import { ListDiscrepanciesQuery, ResolveDiscrepancyCommand } from './discrepancies.handlers';

const STATUSES = ['open', 'resolved'] as const;
const DEFAULT_LIMIT = 50;

export class ListDiscrepanciesRequest {
  @ApiPropertyOptional({ enum: DISCREPANCY_KINDS }) @IsOptional() @IsIn(DISCREPANCY_KINDS, { message: `kind must be one of ${DISCREPANCY_KINDS.join(', ')}` }) kind?: (typeof DISCREPANCY_KINDS)[number];
  @ApiPropertyOptional({ example: 'NZ' })
  @IsOptional() @Matches(JURISDICTION_PATTERN, { message: 'jurisdiction must be an ISO 3166-1 alpha-2 or ISO 3166-2 code, or EU' }) jurisdiction?: string;
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES, { message: 'status must be one of open, resolved' }) status?: (typeof STATUSES)[number];
  @ApiPropertyOptional({ format: 'uuid', description: 'the `next` of the previous page' })
  @IsOptional() @IsUUID(undefined, { message: 'after must be a discrepancyId (the next of the previous page)' }) after?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: DEFAULT_LIMIT })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'limit must be an integer' }) @Min(1) @Max(200) limit?: number;
}

export class ResolveDiscrepancyRequest {
  /** `superseded` is the ledger's own resolution (a later event made the reason moot); people cannot record it. */
  @ApiProperty({ enum: PERSON_DISCREPANCY_RESOLUTIONS })
  @IsIn(PERSON_DISCREPANCY_RESOLUTIONS, { message: `resolution must be one of ${PERSON_DISCREPANCY_RESOLUTIONS.join(', ')}` }) resolution!: DiscrepancyResolution;
  @ApiProperty({ example: 'the accreditation was reported late; confirmed with the QA body' }) @IsString() @MinLength(1) @MaxLength(1000) reason!: string;
}

type Caller = RequestContext & { principal: Principal };

const discrepancyIdPipe = new ParseUUIDPipe({ exceptionFactory: () => new RequestValidationError([{ field: 'discrepancyId', message: 'discrepancyId must be a UUID' }]) });

/** Discrepancies the records context raised, for regulators in their jurisdictions and admins. */
@ApiTags('records')
@ApiKeyAuth()
@Controller('v1/discrepancies')
export class DiscrepanciesController {
  constructor(private readonly queries: QueryBus, private readonly commands: CommandBus) {}

  @ApiOkResponse({ type: DiscrepancyListResponse })
  @ApiProblems(400)
  @Get()
  @Roles('admin', 'regulator')
  @ApiOperation({ summary: 'Discrepancies the caller may see, ordered by id, a page at a time (`after` = the previous `next`)' })
  list(@Query() query: ListDiscrepanciesRequest, @Ctx() ctx: Caller) {
    const { kind, jurisdiction, status, after } = query;
    return this.queries.execute(new ListDiscrepanciesQuery({ kind, jurisdiction, status, after, limit: query.limit ?? DEFAULT_LIMIT }, ctx.principal));
  }

  @ApiOkResponse({ type: DiscrepancyResolutionResponse })
  @ApiProblems(400, 404, 409)
  @Post(':discrepancyId/resolution')
  @HttpCode(200)
  @Roles('admin', 'regulator')
  @ApiOperation({ summary: 'Resolve a discrepancy once: dismissed, confirmed or merged, with a reason (recorded as DiscrepancyResolved)' })
  resolve(@Param('discrepancyId', discrepancyIdPipe) discrepancyId: string, @Body() body: ResolveDiscrepancyRequest, @Ctx() ctx: Caller) {
    return this.commands.execute(new ResolveDiscrepancyCommand(discrepancyId, { resolution: body.resolution, reason: body.reason }, ctx.principal, ctx));
  }
}
