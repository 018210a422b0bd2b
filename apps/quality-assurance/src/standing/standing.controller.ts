import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { Principal, Roles } from '@app/auth';
import { IsCalendarDateOrInstant, ISCED_F_PATTERN, PROVIDER_ID_PATTERN, RequestContext } from '@app/contracts';
import { Ctx, RequestValidationError } from '@app/platform';
import { levelErrors, throwIfAny } from '../shared/reference-validation';
import { GetStandingQuery } from './get-standing/get-standing.query';
// The answers and refusals each route documents in OpenAPI.
import { ApiOkResponse } from '@nestjs/swagger';
import { StandingResponse } from '@app/contracts';
import { ApiKeyAuth, ApiProblems } from '@app/platform';

export class StandingQuery {
  @ApiPropertyOptional({ example: '2026-04-15', description: 'a date (midnight UTC) or an ISO 8601 instant; defaults to now' })
  @IsOptional() @IsCalendarDateOrInstant() date?: string;
  @ApiPropertyOptional({ example: 'NZQCF' }) @IsOptional() @IsString() @MaxLength(32) framework?: string;
  @ApiPropertyOptional({ example: 6 }) @IsOptional() @Type(() => Number) @IsInt({ message: 'level must be an integer' }) level?: number;
  @ApiPropertyOptional({ example: '0613', description: 'ISCED-F 2013 field code' })
  @IsOptional() @Matches(ISCED_F_PATTERN, { message: 'field must be an ISCED-F 2013 code of 2 to 4 digits' }) field?: string;
  @ApiPropertyOptional({ format: 'uuid', description: "also judge this achievement's approval, in the provider's jurisdiction, for the revision in force on the date" })
  @IsOptional() @IsUUID(undefined, { message: 'achievementId must be a UUID' }) achievementId?: string;
}

@ApiTags('quality assurance')
@ApiKeyAuth()
@Controller('v1/providers/:providerId/standing')
export class StandingController {
  constructor(private readonly queries: QueryBus) {}

  @ApiOkResponse({ type: StandingResponse })
  @ApiProblems(400, 404)
  @Get()
  @Roles('admin', 'regulator', 'qa-body', 'provider')
  @ApiOperation({ summary: 'Was the provider accredited for this level (and field) on this date, by whom, under which decision?' })
  standing(@Param('providerId') providerId: string, @Query() query: StandingQuery, @Ctx() ctx: RequestContext & { principal: Principal }) {
    if (!PROVIDER_ID_PATTERN.test(providerId)) throw new RequestValidationError([{ field: 'providerId', message: 'providerId must be a lower-case slug' }]);
    if (query.level !== undefined && query.framework === undefined) throw new RequestValidationError([{ field: 'framework', message: 'a level needs its framework' }]);
    throwIfAny(levelErrors(query.framework, [{ field: 'level', value: query.level }], 'framework'));
    const date = query.date === undefined ? ctx.now : query.date.length === 10 ? `${query.date}T00:00:00Z` : query.date;
    if (Number.isNaN(Date.parse(date))) throw new RequestValidationError([{ field: 'date', message: 'date is not a real calendar date' }]);
    return this.queries.execute(new GetStandingQuery(providerId, { date, framework: query.framework, level: query.level, field: query.field }, ctx.principal, query.achievementId));
  }
}
