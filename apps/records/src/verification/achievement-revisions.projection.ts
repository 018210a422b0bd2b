import { AchievementSpec, EventTypes, RecordedEvent } from '@app/contracts';
import { Projection, ReadTx } from '@app/read-store';

/** What verification shows of an achievement revision. */
export interface RevisionSummary {
  revision: number;
  /** Log position from which this revision was in force. */
  position: number;
  title: string;
  level?: { framework: string; value: number };
  workload: { hours: number; credits?: { system: string; value: number } };
  language: string;
  participation: string;
}

/** Every revision of one achievement, oldest first. */
export interface AchievementRevisions {
  achievementId: string;
  revisions: RevisionSummary[];
}

export const ACHIEVEMENT_REVISIONS = 'achievement-revisions';

/**
 * Every revision of every achievement with the log position it took effect at, so that
 * verification can show the specification in force when a credential was issued (the last
 * revision at or before the issue event's position) rather than the current one.
 */
export class AchievementRevisionsProjection implements Projection {
  readonly name = 'records.achievement-revisions';
  readonly collections = [ACHIEVEMENT_REVISIONS];

  async apply(tx: ReadTx, event: RecordedEvent): Promise<void> {
    if (event.type === EventTypes.AchievementDefined) {
      const a = event.data;
      return tx.put<AchievementRevisions>(ACHIEVEMENT_REVISIONS, a.achievementId, { achievementId: a.achievementId, revisions: [summary(1, event.position, a)] });
    }
    if (event.type === EventTypes.AchievementRevised) {
      const before = await tx.get<AchievementRevisions>(ACHIEVEMENT_REVISIONS, event.data.achievementId);
      if (!before) return;
      before.revisions.push(summary(before.revisions.length + 1, event.position, event.data.spec));
      return tx.put(ACHIEVEMENT_REVISIONS, before.achievementId, before);
    }
  }
}

function summary(revision: number, position: number, a: AchievementSpec): RevisionSummary {
  return {
    revision, position, title: a.title, ...(a.level ? { level: { framework: a.level.framework, value: a.level.value } } : {}),
    workload: { hours: a.workload.hours, ...(a.workload.credits ? { credits: { system: a.workload.credits.system, value: a.workload.credits.value } } : {}) },
    language: a.language, participation: a.participation,
  };
}

/** The revision in force at a log position: the last one at or before it. */
export function revisionAt(revisions: RevisionSummary[], position: number): RevisionSummary | undefined {
  return revisions.filter((r) => r.position <= position).at(-1);
}
