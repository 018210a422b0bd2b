import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { ProjectionRunner, READ_STORE, ReadStore } from '@app/read-store';
import { CredentialsProjection } from './credentials.projection';

/** Runs the records projections for the life of the app, from their stored checkpoints. */
@Injectable()
export class RecordsProjections implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly runner: ProjectionRunner;

  constructor(@Inject(EVENT_STORE) events: EventStore, @Inject(READ_STORE) reads: ReadStore) {
    this.runner = new ProjectionRunner(events, reads, [new CredentialsProjection()]);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.runner.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }
}
