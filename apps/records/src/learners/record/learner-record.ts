import { AchievementSpec, DiscrepancySubject, EventTypes, isExpiredAt, LedgerEvent, RecordedEvent } from '@app/contracts';
import { normalise, Normalised } from '../../normalisation/normalise';
import { hasProgressTowards, StackCredential, stackProgress, StackProgress, StackTerms } from '../../stacks/stack-progress';
import { AccreditationFacts, ApprovalFact, approvalFactOf, PublishedPolicy, standingAtIssue, StandingAtIssue } from '../../standing/standing-at-issue';

type Status = 'issued' | 'suspended' | 'revoked' | 'expired';

interface CredentialFold {
  credentialId: string;
  credentialRef: string;
  providerId: string;
  achievementId: string;
  issuedAt: string;
  issueEventId: string;
  /** The achievement revision in force when the issue was recorded (1 = its definition). */
  revision: number;
  spec?: AchievementSpec;
  validUntil?: string;
  grade?: string;
  status: Exclude<Status, 'expired'> | 'expired';
  statusReason?: string;
  /** Suspended and not reinstated since, whatever came after (an expiry does not lift it): as stacking reads it. */
  suspensionHolds: boolean;
}

interface DiscrepancyFold {
  discrepancyId: string;
  kind: string;
  jurisdiction: string;
  subject: DiscrepancySubject;
  details: string[];
  raisedAt: string;
  resolved: boolean;
}

/** Everything the log said, up to an instant, about the streams a record is computed from. */
export interface LedgerAt {
  asOf: string;
  /** The highest log position folded. */
  position: number;
  opened: Set<string>;
  mergedInto: Map<string, string>;
  /** Credential id → the learner it was linked (or split off) to. */
  holder: Map<string, string>;
  credentials: Map<string, CredentialFold>;
  providers: Map<string, { name: string; jurisdiction: string }>;
  achievements: Map<string, { revisions: { position: number; spec: AchievementSpec }[] }>;
  accreditations: Map<string, AccreditationFacts & { providerId: string }>;
  approvals: Map<string, ApprovalFact[]>;
  /** Every jurisdiction policy version published by then (the approval names which one judges). */
  policies: PublishedPolicy[];
  discrepancies: Map<string, DiscrepancyFold>;
  /** Stacks defined by then (by stackId). */
  stacks: Map<string, StackTerms>;
  /** Learner id → when its erasure was recorded (the first LearnerErased stands). */
  erased: Map<string, string>;
}

const STATUS_AFTER: Partial<Record<LedgerEvent['type'], CredentialFold['status']>> = {
  [EventTypes.CredentialSuspended]: 'suspended',
  [EventTypes.CredentialReinstated]: 'issued',
  [EventTypes.CredentialRevoked]: 'revoked',
  [EventTypes.CredentialExpired]: 'expired',
};

const CHANGE: Partial<Record<LedgerEvent['type'], AccreditationFacts['changes'][number]['type']>> = {
  [EventTypes.AccreditationSuspended]: 'suspended',
  [EventTypes.AccreditationReinstated]: 'reinstated',
  [EventTypes.AccreditationWithdrawn]: 'withdrawn',
};

/**
 * Folds the events the ledger had recorded at or before `asOf` (by their recordedAt), each once,
 * in log order. Events of any stream may be passed in any order, repeated; the rest are ignored.
 * Pure: the same events and instant always give the same ledger.
 */
export function ledgerAt(events: RecordedEvent[], asOf: string): LedgerAt {
  const until = Date.parse(asOf);
  const seen = new Set<number>();
  const known = events
    .filter((e) => Date.parse(e.metadata.recordedAt) <= until && !seen.has(e.position) && seen.add(e.position))
    .sort((a, b) => a.position - b.position);
  const ledger: LedgerAt = {
    asOf, position: 0, opened: new Set(), mergedInto: new Map(), holder: new Map(), credentials: new Map(), providers: new Map(),
    achievements: new Map(), accreditations: new Map(), approvals: new Map(), policies: [], discrepancies: new Map(), stacks: new Map(), erased: new Map(),
  };
  for (const event of known) {
    ledger.position = event.position;
    apply(ledger, event);
  }
  return ledger;
}

function apply(l: LedgerAt, event: RecordedEvent): void {
  switch (event.type) {
    case EventTypes.LearnerRecordOpened:
      l.opened.add(event.data.learnerId);
      return;
    case EventTypes.LearnerCredentialLinked:
      l.holder.set(event.data.credentialId, event.data.learnerId);
      return;
    case EventTypes.LearnerErased:
      if (!l.erased.has(event.data.learnerId)) l.erased.set(event.data.learnerId, event.metadata.recordedAt);
      return;
    case EventTypes.StackDefined: {
      // A stack is defined once: a repeated definition changes nothing (as the stacks projection reads it).
      const { stackId, title, jurisdiction, minimumEcts, minimumEqfLevel, achievements } = event.data;
      if (!l.stacks.has(stackId)) l.stacks.set(stackId, { stackId, title, jurisdiction, minimumEcts, minimumEqfLevel, achievements });
      return;
    }
    case EventTypes.LearnerRecordsMerged:
      for (const id of event.data.learnerIds) if (id !== event.data.into) l.mergedInto.set(id, event.data.into);
      return;
    case EventTypes.LearnerRecordsSplit: {
      const { credentialIds, newLearnerId } = event.data;
      for (const id of credentialIds) if (l.holder.has(id)) l.holder.set(id, newLearnerId);
      // The learner split off answers as itself again (a split of what a merge brought undoes it).
      l.opened.add(newLearnerId);
      l.mergedInto.delete(newLearnerId);
      return;
    }
    case EventTypes.JurisdictionPolicyPublished: {
      // In force from its publication, as the standing projection reads it.
      if (!l.policies.some((p) => p.policy.jurisdiction === event.data.jurisdiction && p.version === event.data.version)) {
        l.policies.push({ version: event.data.version, publishedAt: event.metadata.recordedAt, policy: event.data.policy });
      }
      return;
    }
    case EventTypes.ProviderRegistered:
      l.providers.set(event.data.providerId, { name: event.data.name, jurisdiction: event.data.jurisdiction });
      return;
    case EventTypes.AchievementDefined:
    case EventTypes.AchievementRevised: {
      const id = event.data.achievementId;
      const spec = event.type === EventTypes.AchievementDefined ? event.data : event.data.spec;
      const a = l.achievements.get(id) ?? { revisions: [] };
      a.revisions.push({ position: event.position, spec });
      l.achievements.set(id, a);
      return;
    }
    case EventTypes.ProviderAccredited: {
      const d = event.data;
      l.accreditations.set(d.accreditationId, { accreditationId: d.accreditationId, qaBodyId: d.qaBodyId, providerId: d.providerId, scope: d.scope, validFrom: d.validFrom, validUntil: d.validUntil, changes: [] });
      return;
    }
    case EventTypes.AccreditationSuspended:
    case EventTypes.AccreditationReinstated:
    case EventTypes.AccreditationWithdrawn:
      l.accreditations.get(event.data.accreditationId)?.changes.push({ type: CHANGE[event.type]!, effectiveFrom: event.data.effectiveFrom });
      return;
    case EventTypes.AchievementApproved:
    case EventTypes.AchievementApprovalDeclined: {
      const d = event.data;
      // A decision naming no revision judged the one in force at its position in the log (as the standing projection reads it).
      const revision = d.revision ?? Math.max(1, l.achievements.get(d.achievementId)?.revisions.length ?? 0);
      l.approvals.set(d.achievementId, [...(l.approvals.get(d.achievementId) ?? []), approvalFactOf(event, revision)]);
      return;
    }
    case EventTypes.AchievementApprovalWithdrawn: {
      const d = event.data;
      l.approvals.set(d.achievementId, [...(l.approvals.get(d.achievementId) ?? []), { type: 'withdrawn', jurisdiction: d.jurisdiction, effectiveFrom: d.effectiveFrom }]);
      return;
    }
    case EventTypes.CredentialIssued: {
      const c = event.data;
      if (l.credentials.has(c.credentialId)) return;
      const revisions = l.achievements.get(c.achievementId)?.revisions ?? [];
      l.credentials.set(c.credentialId, {
        credentialId: c.credentialId, credentialRef: c.credentialRef, providerId: c.providerId, achievementId: c.achievementId, issuedAt: c.issuedAt,
        issueEventId: event.metadata.eventId, revision: Math.max(1, revisions.length), ...(revisions.at(-1) ? { spec: revisions.at(-1)!.spec } : {}),
        ...(c.validUntil ? { validUntil: c.validUntil } : {}), ...(c.grade ? { grade: c.grade } : {}), status: 'issued', suspensionHolds: false,
      });
      return;
    }
    case EventTypes.CredentialAmended: {
      const c = l.credentials.get(event.data.credentialId);
      if (c) Object.assign(c, event.data.changes);
      return;
    }
    case EventTypes.CredentialSuspended:
    case EventTypes.CredentialReinstated:
    case EventTypes.CredentialRevoked:
    case EventTypes.CredentialExpired: {
      const c = l.credentials.get(event.data.credentialId);
      if (!c) return;
      c.status = STATUS_AFTER[event.type]!;
      if (event.type === EventTypes.CredentialSuspended) c.suspensionHolds = true;
      if (event.type === EventTypes.CredentialReinstated) c.suspensionHolds = false;
      const reason = event.type === EventTypes.CredentialExpired ? undefined : event.data.reason;
      if (reason) c.statusReason = reason;
      else delete c.statusReason;
      return;
    }
    case EventTypes.DiscrepancyRaised: {
      const d = event.data;
      if (l.discrepancies.has(d.discrepancyId)) return;
      l.discrepancies.set(d.discrepancyId, { discrepancyId: d.discrepancyId, kind: d.kind, jurisdiction: d.jurisdiction, subject: d.subject, details: d.details, raisedAt: event.metadata.recordedAt, resolved: false });
      return;
    }
    case EventTypes.DiscrepancyResolved: {
      const d = l.discrepancies.get(event.data.discrepancyId);
      if (d) d.resolved = true;
      return;
    }
  }
}

/** The learner a learner answers as at the ledger's instant: itself, or the one it was merged into (followed through chains). */
export function answeringLearner(l: LedgerAt, learnerId: string): string {
  let id = learnerId;
  for (let hops = 0; l.mergedInto.has(id) && hops < 100; hops++) id = l.mergedInto.get(id)!;
  return id;
}

export interface RecordCredential {
  credentialId: string;
  credentialRef: string;
  providerId: string;
  providerName?: string;
  jurisdiction: string;
  achievement: { achievementId: string; title?: string; revision: number; level?: AchievementSpec['level']; workload?: AchievementSpec['workload']; participation?: string; language?: string };
  issuedAt: string;
  validUntil?: string;
  grade?: string;
  status: Status;
  statusReason?: string;
  standing: StandingAtIssue;
  normalised: Normalised;
}

export interface RecordDiscrepancy {
  discrepancyId: string;
  kind: string;
  jurisdiction: string;
  status: 'open';
  subject: DiscrepancySubject;
  details: string[];
  raisedAt: string;
}

/** A learner's record before the caller's scope is applied. */
export interface LearnerRecord {
  learnerId: string;
  answeredAs?: string;
  asOf: string;
  ledgerPosition: number;
  mergedFrom?: string[];
  /** Every learner answering as this record (itself and those merged into it). */
  members: string[];
  credentials: RecordCredential[];
  discrepancies: RecordDiscrepancy[];
  /** The learner asked about, or the one it answers as, was erased by asOf. */
  erased: boolean;
  erasedAt?: string;
}

/**
 * The record of a learner as the ledger knew it: its credentials and those of the learners merged
 * into it, each with status (expiry judged at asOf), standing at issue from the QA facts known then
 * and normalised figures of the revision in force at issue, and the discrepancies open then about
 * the learner or those credentials. Undefined when the learner did not exist at that instant.
 */
export function learnerRecord(l: LedgerAt, learnerId: string): LearnerRecord | undefined {
  if (!l.opened.has(learnerId)) return undefined;
  const root = answeringLearner(l, learnerId);
  const members = [...l.opened].filter((id) => answeringLearner(l, id) === root).sort();
  const credentials = [...l.holder.entries()]
    .filter(([id, holder]) => l.credentials.has(id) && answeringLearner(l, holder) === root)
    .map(([id]) => credentialAt(l, l.credentials.get(id)!))
    .sort((a, b) => Date.parse(a.issuedAt) - Date.parse(b.issuedAt) || (a.credentialId < b.credentialId ? -1 : 1));
  const held = new Set(credentials.map((c) => c.credentialId));
  const discrepancies = [...l.discrepancies.values()]
    .filter((d) => !d.resolved && ((d.subject.credentialId !== undefined && held.has(d.subject.credentialId)) || (d.subject.learnerIds ?? []).some((id) => members.includes(id))))
    .sort((a, b) => (a.discrepancyId < b.discrepancyId ? -1 : 1))
    .map(({ resolved: _resolved, ...d }) => ({ ...d, status: 'open' as const }));
  const mergedFrom = members.filter((id) => id !== root);
  const erasedAt = l.erased.get(root) ?? l.erased.get(learnerId);
  return {
    learnerId, ...(root !== learnerId ? { answeredAs: root } : {}), asOf: l.asOf, ledgerPosition: l.position,
    ...(mergedFrom.length > 0 ? { mergedFrom } : {}), members, credentials, discrepancies,
    erased: erasedAt !== undefined, ...(erasedAt ? { erasedAt } : {}),
  };
}

/**
 * Progress at the ledger's instant towards every stack defined by then that names an achievement
 * of `credentials` (those of the record the caller may see), by the stacking rule of
 * GET /v1/learners/{learnerId}/stacks: each credential with its status at asOf (a suspension
 * holds until a reinstatement, even past expiry), its quality-assured standing at issue as judged
 * at asOf, and the normalised EQF level and minimum ECTS of the revision in force at issue.
 * By stackId, as that route lists them.
 */
export function recordStacks(l: LedgerAt, credentials: readonly RecordCredential[]): StackProgress[] {
  const judged: StackCredential[] = credentials.map((c) => {
    const fold = l.credentials.get(c.credentialId);
    const status: StackCredential['status'] = c.status === 'revoked' ? 'revoked' : fold?.suspensionHolds ? 'suspended' : c.status;
    return {
      credentialId: c.credentialId, providerId: c.providerId, achievementId: c.achievement.achievementId, status,
      qualityAssured: c.standing.qualityAssured, eqfLevel: c.normalised.eqf.level, ectsMin: c.normalised.ects.min,
    };
  });
  return [...l.stacks.values()]
    .filter((s) => hasProgressTowards(s, judged))
    .sort((a, b) => (a.stackId < b.stackId ? -1 : a.stackId > b.stackId ? 1 : 0))
    .map((s) => stackProgress(s, judged));
}

function credentialAt(l: LedgerAt, c: CredentialFold): RecordCredential {
  const provider = l.providers.get(c.providerId);
  const jurisdiction = provider?.jurisdiction ?? '';
  const spec = c.spec;
  const accreditations = [...l.accreditations.values()].filter((a) => a.providerId === c.providerId);
  const standing = standingAtIssue(
    { issuedAt: c.issuedAt, jurisdiction, revision: c.revision, ...(spec?.level ? { level: { framework: spec.level.framework, value: spec.level.value } } : {}), ...(spec ? { spec } : {}) },
    { accreditations, approvals: l.approvals.get(c.achievementId) ?? [], policies: l.policies },
  );
  // CredentialExpired may not be written yet (the scheduler runs in passes): the one expiry rule answers meanwhile.
  const status: Status = c.status !== 'expired' && isExpiredAt(c, l.asOf) ? 'expired' : c.status;
  return {
    credentialId: c.credentialId, credentialRef: c.credentialRef, providerId: c.providerId, ...(provider ? { providerName: provider.name } : {}), jurisdiction,
    achievement: {
      achievementId: c.achievementId, revision: c.revision,
      ...(spec ? { title: spec.title, ...(spec.level ? { level: spec.level } : {}), workload: spec.workload, participation: spec.participation, language: spec.language } : {}),
    },
    issuedAt: c.issuedAt, ...(c.validUntil ? { validUntil: c.validUntil } : {}), ...(c.grade ? { grade: c.grade } : {}),
    status, ...(c.statusReason ? { statusReason: c.statusReason } : {}), standing,
    normalised: normalise(spec ?? { workload: { hours: 0 } }),
  };
}
