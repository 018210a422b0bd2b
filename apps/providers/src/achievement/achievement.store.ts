import { RequestContext, Streams } from '@app/contracts';
import { decideOnStream, EventStore } from '@app/event-store';
import { AchievementCommand, decideAchievement } from './achievement.decider';
import { evolveAchievement, initialAchievementState } from './achievement.state';

const achievementDecider = { initial: initialAchievementState, evolve: evolveAchievement, decide: decideAchievement };

/** Load → decide → append for one achievement stream; the event id comes from the caller's idempotency key. */
export async function decideOnAchievement(events: EventStore, achievementId: string, command: AchievementCommand, ctx: RequestContext, eventId: string, jurisdiction?: string) {
  const { position, revision } = await decideOnStream(events, Streams.achievement(achievementId), achievementDecider, command, ctx, { eventId, jurisdiction });
  return { position: position!, revision };
}
