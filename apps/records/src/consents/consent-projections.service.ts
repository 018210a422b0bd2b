import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { HostedProjections, ProjectionRegistry, READ_STORE, ReadStore } from '@app/read-store';
import { ErasuresProjection } from '../erasure/erasures.projection';
import { ConsentsProjection } from './consents.projection';

/** Consents and erasures: one subscription, its own checkpoints. */
@Injectable()
export class ConsentProjections extends HostedProjections {
  constructor(@Inject(EVENT_STORE) events: EventStore, @Inject(READ_STORE) reads: ReadStore, registry: ProjectionRegistry) {
    super('records.consents', events, reads, [new ConsentsProjection(), new ErasuresProjection()], registry);
  }
}
