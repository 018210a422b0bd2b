import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@app/auth';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { RecordsProjections } from '../credentials/records-projections.service';
// The answers and refusals each route documents in OpenAPI.
import { ApiOkResponse } from '@nestjs/swagger';
import { ApiKeyAuth } from '@app/platform';
import { ProjectionsStatusResponse } from '@app/contracts';

@ApiTags('operations')
@ApiKeyAuth()
@Controller('v1/projections')
export class ProjectionsController {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly projections: RecordsProjections,
  ) {}

  @ApiOkResponse({ type: ProjectionsStatusResponse })
  @Get()
  @Roles('admin', 'regulator')
  @ApiOperation({ summary: 'How far the read models have caught up with the event log' })
  async status() {
    const head = await this.events.headPosition();
    const position = this.projections.runner.caughtUpTo;
    return { head, position, lag: Math.max(0, head - position) };
  }
}
