import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { HostedProjections, ProjectionRegistry, READ_STORE, ReadStore } from '@app/read-store';
import { StacksProjection } from './stacks.projection';

/** The stacks read model: one subscription, its own checkpoint. */
@Injectable()
export class StackProjections extends HostedProjections {
  constructor(@Inject(EVENT_STORE) events: EventStore, @Inject(READ_STORE) reads: ReadStore, registry: ProjectionRegistry) {
    super('records.stacks', events, reads, [new StacksProjection()], registry);
  }
}
