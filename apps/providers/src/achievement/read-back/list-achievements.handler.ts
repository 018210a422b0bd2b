import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { NotFoundError, ProviderAchievementsResponse, Streams } from '@app/contracts';
import { EVENT_STORE, EventStore, foldStream } from '@app/event-store';
import { READ_STORE, ReadStore } from '@app/read-store';
import { evolveProvider, initialProviderState } from '../../provider/provider.state';
import { PROVIDER_ACHIEVEMENTS, ProviderAchievementEntry, ProviderAchievementsProjections } from './achievements.projection';
import { ListAchievementsQuery } from './list-achievements.query';
import { mayReadProvider } from './read-scope';

@QueryHandler(ListAchievementsQuery)
export class ListAchievementsHandler implements IQueryHandler<ListAchievementsQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly reads: ReadStore,
    private readonly projections: ProviderAchievementsProjections,
  ) {}

  async execute({ providerId, page, principal }: ListAchievementsQuery): Promise<ProviderAchievementsResponse> {
    const provider = await foldStream(this.events, Streams.provider(providerId), evolveProvider, initialProviderState);
    // Unknown and out of scope answer alike.
    if (!provider.state.registered || !(await mayReadProvider(this.events, principal, providerId, provider.state.registered.jurisdiction))) {
      throw new NotFoundError('provider');
    }
    const achievements = await this.reads.find<ProviderAchievementEntry>(PROVIDER_ACHIEVEMENTS, { providerId }, { afterId: page.after, limit: page.limit });
    return {
      providerId,
      achievements: achievements.map(({ position: _p, ...entry }) => entry),
      ...(achievements.length === page.limit ? { next: achievements.at(-1)!.achievementId } : {}),
      ledgerPosition: this.projections.runner.caughtUpTo,
    };
  }
}
