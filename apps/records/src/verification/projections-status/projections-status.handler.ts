import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { ProjectionRegistry, READ_STORE, ReadStore } from '@app/read-store';
import { ParkedEventsQuery, ProjectionsStatus, ProjectionsStatusQuery } from './projections-status.query';

@QueryHandler(ProjectionsStatusQuery)
export class ProjectionsStatusHandler implements IQueryHandler<ProjectionsStatusQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly registry: ProjectionRegistry,
  ) {}

  async execute(): Promise<ProjectionsStatus> {
    const head = await this.events.headPosition();
    const groups = this.registry.statuses(head);
    const position = Math.min(head, ...groups.map((g) => g.position));
    const parked = groups.reduce((n, g) => n + g.projections.reduce((m, p) => m + p.parked, 0), 0);
    return { head, position, lag: Math.max(0, head - position), parked, groups };
  }
}

@QueryHandler(ParkedEventsQuery)
export class ParkedEventsHandler implements IQueryHandler<ParkedEventsQuery> {
  constructor(@Inject(READ_STORE) private readonly reads: ReadStore) {}

  async execute({ filter }: ParkedEventsQuery) {
    return { parked: await this.reads.listParked(filter) };
  }
}
