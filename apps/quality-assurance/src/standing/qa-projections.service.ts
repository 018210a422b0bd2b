import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { HostedProjections, ProjectionRegistry, READ_STORE, ReadStore } from '@app/read-store';
import { StandingProjection } from './standing.projection';

/** The QA read models, on their own checkpoints apart from the records projections. */
@Injectable()
export class QaProjections extends HostedProjections {
  constructor(@Inject(EVENT_STORE) events: EventStore, @Inject(READ_STORE) reads: ReadStore, registry: ProjectionRegistry) {
    super('quality-assurance', events, reads, [new StandingProjection()], registry);
  }
}
