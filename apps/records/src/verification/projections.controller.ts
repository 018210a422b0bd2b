import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { Roles } from '@app/auth';
import { ParkedEvent } from '@app/read-store';
import { ParkedEventsQuery, ProjectionsStatus, ProjectionsStatusQuery } from './projections-status/projections-status.query';

export class ParkedEventsRequest {
  @ApiPropertyOptional({ description: 'Only this projection (e.g. providers.expiry-schedule)' })
  @IsOptional() @Matches(/^[A-Za-z0-9._-]{1,100}$/, { message: 'projection must be a projection name' })
  projection?: string;

  @ApiPropertyOptional({ description: 'Only entries after this log position (paging)', minimum: 0 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  after?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000)
  limit?: number;
}

// The answers and refusals each route documents in OpenAPI.
import { ApiOkResponse } from '@nestjs/swagger';
import { ApiKeyAuth, ApiProblems } from '@app/platform';
import { ParkedEventsResponse, ProjectionsStatusResponse } from '@app/contracts';

@ApiTags('operations')
@ApiKeyAuth()
@Controller('v1/projections')
export class ProjectionsController {
  constructor(private readonly queries: QueryBus) {}

  @ApiOkResponse({ type: ProjectionsStatusResponse })
  @Get()
  @Roles('admin', 'regulator')
  @ApiOperation({ summary: 'How far each projection group has caught up with the event log, and what it parked' })
  status(): Promise<ProjectionsStatus> {
    return this.queries.execute(new ProjectionsStatusQuery());
  }

  @ApiOkResponse({ type: ParkedEventsResponse })
  @ApiProblems(400)
  @Get('parked')
  @Roles('admin', 'regulator')
  @ApiOperation({ summary: 'Events a projection could not apply: position, event id, type and error (no event data)' })
  parked(@Query() query: ParkedEventsRequest): Promise<{ parked: ParkedEvent[] }> {
    return this.queries.execute(new ParkedEventsQuery({ projection: query.projection, afterPosition: query.after, limit: query.limit }));
  }
}
