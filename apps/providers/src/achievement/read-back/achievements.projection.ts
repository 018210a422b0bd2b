import { Inject, Injectable } from '@nestjs/common';
import { EventTypes, RecordedEvent } from '@app/contracts';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { applyThroughCache, HostedProjections, Projection, ProjectionRegistry, READ_STORE, ReadStore, ReadTx } from '@app/read-store';

/** One line of a provider's achievement list. */
export interface ProviderAchievementEntry {
  achievementId: string;
  providerId: string;
  title: string;
  currentRevision: number;
  retired: boolean;
  /** Position of the event that last changed it. */
  position: number;
}

export const PROVIDER_ACHIEVEMENTS = 'provider-achievements';

/**
 * The provider's achievements as a list. Achievements live on streams of their own, and
 * nothing on the provider's stream points at them, so listing them needs this index rather
 * than a fold on read (which would mean scanning the whole log).
 */
export class ProviderAchievementsProjection implements Projection {
  readonly name = 'providers.achievements';
  readonly collections = [PROVIDER_ACHIEVEMENTS];

  async apply(tx: ReadTx, event: RecordedEvent): Promise<void> {
    switch (event.type) {
      case EventTypes.AchievementDefined: {
        const a = event.data;
        return tx.put<ProviderAchievementEntry>(PROVIDER_ACHIEVEMENTS, a.achievementId, {
          achievementId: a.achievementId, providerId: a.providerId, title: a.title, currentRevision: 1, retired: false, position: event.position,
        });
      }
      case EventTypes.AchievementRevised: {
        const before = await tx.get<ProviderAchievementEntry>(PROVIDER_ACHIEVEMENTS, event.data.achievementId);
        if (!before) return;
        return tx.put(PROVIDER_ACHIEVEMENTS, before.achievementId, { ...before, title: event.data.spec.title, currentRevision: before.currentRevision + 1, position: event.position });
      }
      case EventTypes.AchievementRetired: {
        const before = await tx.get<ProviderAchievementEntry>(PROVIDER_ACHIEVEMENTS, event.data.achievementId);
        if (!before) return;
        return tx.put(PROVIDER_ACHIEVEMENTS, before.achievementId, { ...before, retired: true, position: event.position });
      }
    }
  }

  /** A batch through one write-back cache: an achievement revised several times in one batch is read and written once. */
  applyBatch(tx: ReadTx, events: RecordedEvent[]): Promise<void> {
    return applyThroughCache(tx, events, (t, e) => this.apply(t, e));
  }
}

/** The providers' achievement index, on its own checkpoint. */
@Injectable()
export class ProviderAchievementsProjections extends HostedProjections {
  constructor(@Inject(EVENT_STORE) events: EventStore, @Inject(READ_STORE) reads: ReadStore, registry: ProjectionRegistry) {
    super('providers.achievements', events, reads, [new ProviderAchievementsProjection()], registry);
  }
}
