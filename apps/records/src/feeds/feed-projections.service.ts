import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { HostedProjections, ProjectionRegistry, READ_STORE, ReadStore } from '@app/read-store';
import { FeedRouterProjection } from './feed-router.projection';

/** The feed router: its own subscription and checkpoint, so a slow feed never holds back the records read models. */
@Injectable()
export class FeedProjections extends HostedProjections {
  constructor(@Inject(EVENT_STORE) events: EventStore, @Inject(READ_STORE) reads: ReadStore, registry: ProjectionRegistry) {
    super('records.feeds', events, reads, [new FeedRouterProjection()], registry);
  }

  /**
   * Resolves once the router has committed a batch past `seen` (by default, where it is now),
   * or after `ms`: a long poll waits on this instead of polling the store, so an entry is
   * answered as soon as it is written.
   */
  async nextBatch(ms: number, seen = this.runner.caughtUpTo): Promise<void> {
    if (ms <= 0) return;
    await this.runner.waitFor(seen + 1, ms);
  }

  /** Where the router is in the log now. */
  get position(): number {
    return this.runner.caughtUpTo;
  }
}
