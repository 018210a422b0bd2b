import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { HostedProjections, ProjectionRegistry, READ_STORE, ReadStore } from '@app/read-store';
import { AchievementRevisionsProjection } from '../verification/achievement-revisions.projection';
import { DiscrepanciesProjection } from '../discrepancies/discrepancies.projection';
import { DuplicateCredentialsProjection } from '../discrepancies/duplicate-credentials.projection';
import { StandingProjection } from '../standing/standing.projection';
import { CredentialsProjection } from './credentials.projection';

/** The records read models. */
@Injectable()
export class RecordsProjections extends HostedProjections {
  constructor(@Inject(EVENT_STORE) events: EventStore, @Inject(READ_STORE) reads: ReadStore, registry: ProjectionRegistry) {
    super('records', events, reads, [new CredentialsProjection(), new AchievementRevisionsProjection(), new StandingProjection(), new DiscrepanciesProjection(), new DuplicateCredentialsProjection()], registry);
  }
}
