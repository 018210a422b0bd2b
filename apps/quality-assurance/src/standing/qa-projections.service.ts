import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { ProjectionRunner, READ_STORE, ReadStore } from '@app/read-store';
import { StandingProjection } from './standing.projection';

/** Runs the QA read models from their own checkpoints, apart from the records projections. */
@Injectable()
export class QaProjections implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly runner: ProjectionRunner;

  constructor(@Inject(EVENT_STORE) events: EventStore, @Inject(READ_STORE) reads: ReadStore) {
    this.runner = new ProjectionRunner(events, reads, [new StandingProjection()]);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.runner.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }
}
