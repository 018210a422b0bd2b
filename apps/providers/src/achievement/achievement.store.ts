import { buildMetadata, RequestContext, Streams } from '@app/contracts';
import { EventStore, foldStream } from '@app/event-store';
import { AchievementCommand, decideAchievement } from './achievement.decider';
import { evolveAchievement, initialAchievementState } from './achievement.state';

/** Load → decide → append for one achievement stream; the event id comes from the caller's idempotency key. */
export async function decideOnAchievement(
  events: EventStore,
  achievementId: string,
  command: AchievementCommand,
  ctx: RequestContext,
  eventId: string,
  jurisdiction?: string,
): Promise<{ position: number; revision: number }> {
  const streamId = Streams.achievement(achievementId);
  const current = await foldStream(events, streamId, evolveAchievement, initialAchievementState);
  const decided = decideAchievement(current.state, command);
  const result = await events.append({
    streamId,
    expectedRevision: current.revision === -1 ? 'no-stream' : current.revision,
    events: decided.map((e) => ({ ...e, metadata: buildMetadata(ctx, { eventId, jurisdiction }) })),
  });
  return { position: result.positions[0], revision: result.nextRevision };
}
