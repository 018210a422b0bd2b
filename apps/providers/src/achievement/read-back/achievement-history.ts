import { AchievementSpec, EventTypes, PolicyRef, RecordedEvent } from '@app/contracts';

/** One jurisdiction's decision on one revision, as the read-back shows it. */
export interface RevisionApproval {
  jurisdiction: string;
  status: 'approved' | 'declined' | 'withdrawn';
  qaBodyId: string;
  policy: PolicyRef;
  position: number;
  recordedAt: string;
}

export interface AchievementRevisionView {
  revision: number;
  spec: AchievementSpec;
  /** Why the provider revised it (absent on the definition). */
  reason?: string;
  position: number;
  recordedAt: string;
  /** The latest decision on this revision in each jurisdiction that judged it. */
  approvals: RevisionApproval[];
}

export interface AchievementHistory {
  achievementId: string;
  providerId: string;
  currentRevision: number;
  retired: boolean;
  revisions: AchievementRevisionView[];
  /** Per jurisdiction: the revision its live decision judged, and whether that is the current one. */
  approvals: (RevisionApproval & { revision: number; current: boolean })[];
}

/**
 * Folds an achievement stream and its approval stream into every revision with its approval
 * state per jurisdiction. Both streams are short (a handful of events), so folding on read is
 * cheaper than keeping a read model in step. A decision recorded before decisions named their
 * revision judged the revision in force at its position in the log.
 */
export function achievementHistory(achievement: RecordedEvent[], approvals: RecordedEvent[]): AchievementHistory | undefined {
  const revisions: AchievementRevisionView[] = [];
  let head: { achievementId: string; providerId: string } | undefined;
  let retired = false;
  for (const e of achievement) {
    const at = { position: e.position, recordedAt: e.metadata.recordedAt, approvals: [] };
    if (e.type === EventTypes.AchievementDefined) {
      const { achievementId, providerId, ...spec } = e.data;
      head = { achievementId, providerId };
      revisions.push({ revision: 1, spec, ...at });
    } else if (e.type === EventTypes.AchievementRevised) {
      revisions.push({ revision: revisions.length + 1, spec: e.data.spec, reason: e.data.reason, ...at });
    } else if (e.type === EventTypes.AchievementRetired) retired = true;
  }
  if (!head) return undefined;

  const inForceAt = (position: number) => revisions.filter((r) => r.position <= position).at(-1)?.revision ?? 1;
  const live = new Map<string, RevisionApproval & { revision: number }>();
  for (const e of approvals) {
    let decision: RevisionApproval & { revision: number };
    if (e.type === EventTypes.AchievementApproved || e.type === EventTypes.AchievementApprovalDeclined) {
      const d = e.data;
      decision = {
        jurisdiction: d.policy.jurisdiction, status: e.type === EventTypes.AchievementApproved ? 'approved' : 'declined', qaBodyId: d.qaBodyId, policy: d.policy,
        revision: d.revision ?? inForceAt(e.position), position: e.position, recordedAt: e.metadata.recordedAt,
      };
    } else if (e.type === EventTypes.AchievementApprovalWithdrawn) {
      const before = live.get(e.data.jurisdiction);
      if (!before) continue;
      decision = { ...before, status: 'withdrawn', position: e.position, recordedAt: e.metadata.recordedAt };
    } else continue;
    live.set(decision.jurisdiction, decision);
    const { revision, ...shown } = decision;
    const onRevision = revisions.find((r) => r.revision === revision);
    if (onRevision) onRevision.approvals = [...onRevision.approvals.filter((a) => a.jurisdiction !== shown.jurisdiction), shown];
  }
  const currentRevision = revisions.length;
  return {
    ...head, currentRevision, retired, revisions,
    approvals: [...live.values()].map((a) => ({ ...a, current: a.revision === currentRevision })),
  };
}
