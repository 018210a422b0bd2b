import { decisionJurisdiction, EventTypes, RecordedEvent } from '@app/contracts';

export type ApprovalReason = 'achievement-not-defined' | 'not-approved' | 'approval-declined' | 'approval-withdrawn' | 'revision-not-approved';

export interface ApprovalStanding {
  achievementId: string;
  jurisdiction: string;
  /** The achievement revision in force on the date (1 = its definition). */
  revision?: number;
  approved: boolean;
  /** The revision the live decision in the jurisdiction judged, when there is one. */
  decidedRevision?: number;
  reasons: ApprovalReason[];
}

/**
 * Was the achievement, as it stood on the date, approved in the jurisdiction? An approval holds
 * for the revision it judged: a credential issued after a newer revision that no one has
 * approved yet is not covered (`revision-not-approved`), while one issued before that revision
 * keeps its standing. Revisions and decisions count from when the ledger recorded them;
 * a withdrawal from its effectiveFrom. A decision that names no revision (recorded before
 * decisions named one) judged the revision in force at its position in the log.
 */
export function approvalStandingAt(achievementId: string, achievement: RecordedEvent[], approvals: RecordedEvent[], jurisdiction: string, date: string): ApprovalStanding {
  const at = Date.parse(date);
  const revisions = achievement.filter((e) => e.type === EventTypes.AchievementDefined || e.type === EventTypes.AchievementRevised);
  const revision = revisions.filter((e) => Date.parse(e.metadata.recordedAt) <= at).length;
  const base = { achievementId, jurisdiction };
  if (revision === 0) return { ...base, approved: false, reasons: ['achievement-not-defined'] };
  const inForceAt = (position: number) => Math.max(1, revisions.filter((e) => e.position <= position).length);

  let live: { status: 'approved' | 'declined' | 'withdrawn'; revision: number } | undefined;
  for (const e of approvals) {
    if ((e.type === EventTypes.AchievementApproved || e.type === EventTypes.AchievementApprovalDeclined) && decisionJurisdiction(e.data) === jurisdiction) {
      if (Date.parse(e.metadata.recordedAt) > at) continue;
      live = { status: e.type === EventTypes.AchievementApproved ? 'approved' : 'declined', revision: e.data.revision ?? inForceAt(e.position) };
    } else if (e.type === EventTypes.AchievementApprovalWithdrawn && e.data.jurisdiction === jurisdiction && live && Date.parse(e.data.effectiveFrom) <= at) {
      live = { ...live, status: 'withdrawn' };
    }
  }
  if (!live) return { ...base, revision, approved: false, reasons: ['not-approved'] };
  const decided = { ...base, revision, decidedRevision: live.revision };
  if (live.status === 'withdrawn') return { ...decided, approved: false, reasons: ['approval-withdrawn'] };
  if (live.revision !== revision) return { ...decided, approved: false, reasons: ['revision-not-approved'] };
  return live.status === 'approved' ? { ...decided, approved: true, reasons: [] } : { ...decided, approved: false, reasons: ['approval-declined'] };
}
