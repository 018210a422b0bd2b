import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { HostedProjections, ProjectionRegistry, READ_STORE, ReadStore } from '@app/read-store';
import { AuditIndexProjection } from './audit-index.projection';

/** The audit index: its own subscription and checkpoint. */
@Injectable()
export class AuditProjections extends HostedProjections {
  constructor(@Inject(EVENT_STORE) events: EventStore, @Inject(READ_STORE) reads: ReadStore, registry: ProjectionRegistry) {
    super('records.audit', events, reads, [new AuditIndexProjection()], registry);
  }
}
