import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { HostedProjections, ProjectionRegistry, READ_STORE, ReadStore } from '@app/read-store';
import { LearnerIdentityProcess } from './learner-identity.process';
import { LearnersProjection } from './learners.projection';
import { LearnerLinksProjection } from './record/learner-links.projection';

/** Identity resolution and the learner read model: one subscription, its own checkpoints. */
@Injectable()
export class LearnerProjections extends HostedProjections {
  constructor(@Inject(EVENT_STORE) events: EventStore, @Inject(READ_STORE) reads: ReadStore, registry: ProjectionRegistry) {
    super('records.learners', events, reads, [new LearnerIdentityProcess(events), new LearnersProjection(), new LearnerLinksProjection()], registry);
  }
}
