import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AchievementDetailResponse, NotFoundError, Streams } from '@app/contracts';
import { EVENT_STORE, EventStore, foldStream } from '@app/event-store';
import { evolveProvider, initialProviderState } from '../../provider/provider.state';
import { achievementHistory } from './achievement-history';
import { GetAchievementQuery } from './get-achievement.query';
import { mayReadProvider } from './read-scope';

/** Folds the achievement and approval streams on read: both are short, and the answer is then as fresh as the log. */
@QueryHandler(GetAchievementQuery)
export class GetAchievementHandler implements IQueryHandler<GetAchievementQuery> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ achievementId, revision, principal }: GetAchievementQuery): Promise<AchievementDetailResponse> {
    const [achievement, approvals] = await Promise.all([
      this.events.readStream(Streams.achievement(achievementId)),
      this.events.readStream(Streams.approval(achievementId)),
    ]);
    const history = achievementHistory(achievement, approvals);
    // Out of scope answers exactly like absent.
    if (!history) throw new NotFoundError('achievement');
    const provider = await foldStream(this.events, Streams.provider(history.providerId), evolveProvider, initialProviderState);
    if (!(await mayReadProvider(this.events, principal, history.providerId, provider.state.registered?.jurisdiction))) throw new NotFoundError('achievement');
    const position = Math.max(achievement.at(-1)!.position, approvals.at(-1)?.position ?? 0);
    if (revision === undefined) return { ...history, ledgerPosition: position };
    const asked = history.revisions.find((r) => r.revision === revision);
    if (!asked) throw new NotFoundError('achievement revision');
    const { revisions: _all, ...rest } = history;
    return { ...rest, revisions: [asked], ledgerPosition: position };
  }
}
