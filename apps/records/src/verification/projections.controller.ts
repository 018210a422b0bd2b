import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { Roles } from '@app/auth';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { ParkedEvent, ProjectionRegistry, READ_STORE, ReadStore, RunnerStatus } from '@app/read-store';

export class ParkedEventsQuery {
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

/** The answer of GET /v1/projections; its OpenAPI schema is ProjectionsStatusResponse. */
class ProjectionsStatus {
  @ApiProperty({ description: 'Position of the last event in the log' }) head!: number;
  @ApiProperty({ description: 'Lowest position every group has applied' }) position!: number;
  @ApiProperty({ description: 'Events the slowest group still has to apply' }) lag!: number;
  @ApiProperty({ description: 'Events set aside because a projection could not apply them' }) parked!: number;
  @ApiProperty({ description: 'Per group: state (starting, catching-up, live, stuck), checkpoints, parked counts, last error' }) groups!: RunnerStatus[];
}
// The answers and refusals each route documents in OpenAPI.
import { ApiOkResponse } from '@nestjs/swagger';
import { ApiKeyAuth, ApiProblems } from '@app/platform';
import { ParkedEventsResponse, ProjectionsStatusResponse } from '@app/contracts';

@ApiTags('operations')
@ApiKeyAuth()
@Controller('v1/projections')
export class ProjectionsController {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly reads: ReadStore,
    private readonly registry: ProjectionRegistry,
  ) {}

  @ApiOkResponse({ type: ProjectionsStatusResponse })
  @Get()
  @Roles('admin', 'regulator')
  @ApiOperation({ summary: 'How far each projection group has caught up with the event log, and what it parked' })
  async status(): Promise<ProjectionsStatus> {
    const head = await this.events.headPosition();
    const groups = this.registry.statuses(head);
    const position = Math.min(head, ...groups.map((g) => g.position));
    const parked = groups.reduce((n, g) => n + g.projections.reduce((m, p) => m + p.parked, 0), 0);
    return { head, position, lag: Math.max(0, head - position), parked, groups };
  }

  @ApiOkResponse({ type: ParkedEventsResponse })
  @ApiProblems(400)
  @Get('parked')
  @Roles('admin', 'regulator')
  @ApiOperation({ summary: 'Events a projection could not apply: position, event id, type and error (no event data)' })
  async parked(@Query() query: ParkedEventsQuery): Promise<{ parked: ParkedEvent[] }> {
    return { parked: await this.reads.listParked({ projection: query.projection, afterPosition: query.after, limit: query.limit }) };
  }
}
