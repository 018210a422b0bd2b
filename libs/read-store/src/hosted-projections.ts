import { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { EventStore } from '@app/event-store';
import { Projection } from './projection';
import { ProjectionRegistry } from './projection-registry';
import { ProjectionRunner } from './projection-runner';
import { ReadStore } from './read-store.port';

/**
 * A group of projections that runs for the life of the app from its stored checkpoints:
 * started once the app has booted, stopped before the stores close. Each context extends
 * it with its own projections, so each group keeps its own subscription and checkpoints,
 * and registers it so health and metrics see it.
 */
export abstract class HostedProjections implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly runner: ProjectionRunner;

  protected constructor(group: string, events: EventStore, reads: ReadStore, projections: Projection[], registry: ProjectionRegistry) {
    this.runner = new ProjectionRunner(events, reads, projections, { group });
    registry.register(this.runner);
  }

  /** Starts the subscription and returns: the catch-up runs in the background while HTTP serves. */
  async onApplicationBootstrap(): Promise<void> {
    await this.runner.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }
}
