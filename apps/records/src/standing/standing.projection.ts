import { AchievementSpec, policyJurisdictionsFor, DiscrepancyKind, DiscrepancySubject, EventTypes, internalEventId, LedgerEvent, RecordedEvent } from '@app/contracts';
import { applyThroughCache, Projection, ReadTx } from '@app/read-store';
import { CredentialIndex } from './credential-index';
import { AccreditationFacts, ApprovalFact, approvalFactOf, PublishedPolicy, standingAtIssue, StandingAtIssue, StandingReasonCode } from './standing-at-issue';

/** What records knows of a provider for standing: its jurisdiction, accreditations and credentials. */
interface ProviderFacts {
  providerId: string;
  jurisdiction?: string;
  accreditations: AccreditationFacts[];
}

/** An achievement's revisions (log position and level of each) and the QA decisions on it. */
interface AchievementFacts {
  achievementId: string;
  revisions: { position: number; level?: { framework: string; value: number }; spec?: AchievementSpec }[];
  approvals: ApprovalFact[];
}

/** A credential's standing at issue, with one history row per change of judgement. */
export interface CredentialStandingView {
  credentialId: string;
  providerId: string;
  achievementId: string;
  jurisdiction: string;
  issuedAt: string;
  /** The CredentialIssued event: discrepancy ids derive from it. */
  issueEventId: string;
  revision: number;
  level?: { framework: string; value: number };
  standing: StandingAtIssue;
  /**
   * The discrepancy each reason called for, by kind, and whether the reason still holds. A reason
   * that returns after its discrepancy was superseded calls for a new one (new id), never reopens it.
   */
  discrepancies?: Partial<Record<StandingReasonCode, { discrepancyId: string; holds: boolean }>>;
  /** Stored without the last row's standing, which is `standing` (one copy less per credential): read it through standingHistory. */
  history: StandingHistoryRow[];
}

export interface StandingHistoryRow {
  position: number;
  recordedAt: string;
  cause: string;
  /** Absent on the last row as stored: it is the view's `standing`. */
  standing?: StandingAtIssue;
}

/** Every change of judgement, each with its standing. */
export function standingHistory(view: Pick<CredentialStandingView, 'standing' | 'history'>): (StandingHistoryRow & { standing: StandingAtIssue })[] {
  return view.history.map((h, i) => ({ ...h, standing: h.standing ?? (i === view.history.length - 1 ? view.standing : h.standing!) }));
}

/** A discrepancy the standing calls for, waiting for the process manager to raise it. */
export interface PendingDiscrepancy {
  discrepancyId: string;
  kind: DiscrepancyKind;
  credentialId: string;
  providerId: string;
  achievementId: string;
  jurisdiction: string;
  details: string[];
  position: number;
  /** The whole subject, when it names more than the credential (duplicate-credential). */
  subject?: DiscrepancySubject;
}

/** A discrepancy whose reason a later event made moot, waiting for the process manager to supersede it. */
export interface PendingSupersession {
  discrepancyId: string;
  /** Names the event that changed the judgement, for the regulator reading the resolution. */
  reason: string;
  position: number;
}

export const StandingCollections = {
  standings: 'records-standings',
  providers: 'records-standing-providers',
  achievements: 'records-standing-achievements',
  pending: 'records-standing-pending-discrepancies',
  superseded: 'records-standing-pending-supersessions',
  index: 'records-standing-credential-index',
  policies: 'records-standing-policies',
} as const;

const index = new CredentialIndex(StandingCollections.index);
const byProvider = (providerId: string) => `provider:${providerId}`;
const byAchievement = (achievementId: string) => `achievement:${achievementId}`;

/** Discrepancy ids derive from the issue event and the kind, so a replay raises the same one. */
export function discrepancyIdFor(issueEventId: string, kind: string): string {
  return internalEventId(`discrepancy:${issueEventId}`, kind);
}

const CHANGE: Partial<Record<LedgerEvent['type'], AccreditationFacts['changes'][number]['type']>> = {
  [EventTypes.AccreditationSuspended]: 'suspended',
  [EventTypes.AccreditationReinstated]: 'reinstated',
  [EventTypes.AccreditationWithdrawn]: 'withdrawn',
};

/**
 * Each credential's standing at issue, judged from QA events folded here (records never asks quality
 * assurance). Events arrive in log order, so a credential is first judged on the QA facts recorded
 * before it; a QA event recorded later (late reporting) re-judges the credentials it touches, and a
 * changed judgement adds a history row — an unchanged one adds nothing.
 */
export class StandingProjection implements Projection {
  readonly name = 'records.standing';
  readonly collections = Object.values(StandingCollections);

  async apply(tx: ReadTx, event: RecordedEvent): Promise<void> {
    switch (event.type) {
      case EventTypes.ProviderRegistered: {
        const p = await this.provider(tx, event.data.providerId);
        return tx.put(StandingCollections.providers, p.providerId, { ...p, jurisdiction: event.data.jurisdiction });
      }
      case EventTypes.AchievementDefined:
      case EventTypes.AchievementRevised: {
        const a = await this.achievement(tx, event.data.achievementId);
        let spec: AchievementSpec;
        if (event.type === EventTypes.AchievementDefined) {
          const { achievementId: _a, providerId: _p, ...defined } = event.data;
          spec = defined;
        } else spec = event.data.spec;
        const level = spec.level;
        a.revisions.push({ position: event.position, ...(level ? { level: { framework: level.framework, value: level.value } } : {}), spec });
        return tx.put(StandingCollections.achievements, a.achievementId, a);
      }
      case EventTypes.ProviderAccredited: {
        const d = event.data;
        const p = await this.provider(tx, d.providerId);
        p.accreditations.push({ accreditationId: d.accreditationId, qaBodyId: d.qaBodyId, scope: d.scope, validFrom: d.validFrom, validUntil: d.validUntil, changes: [] });
        await tx.put(StandingCollections.providers, p.providerId, p);
        return this.rejudge(tx, await index.all(tx, byProvider(p.providerId)), event);
      }
      case EventTypes.AccreditationSuspended:
      case EventTypes.AccreditationReinstated:
      case EventTypes.AccreditationWithdrawn: {
        const p = await this.provider(tx, event.data.providerId);
        const a = p.accreditations.find((x) => x.accreditationId === event.data.accreditationId);
        if (!a) return;
        a.changes.push({ type: CHANGE[event.type]!, effectiveFrom: event.data.effectiveFrom });
        await tx.put(StandingCollections.providers, p.providerId, p);
        return this.rejudge(tx, await index.all(tx, byProvider(p.providerId)), event);
      }
      case EventTypes.AchievementApproved:
      case EventTypes.AchievementApprovalDeclined: {
        const d = event.data;
        const a = await this.achievement(tx, d.achievementId);
        // A decision naming no revision judged the one in force at its position in the log.
        const revision = d.revision ?? Math.max(1, a.revisions.filter((r) => r.position <= event.position).length);
        a.approvals.push(approvalFactOf(event, revision));
        await tx.put(StandingCollections.achievements, a.achievementId, a);
        return this.rejudge(tx, await index.all(tx, byAchievement(a.achievementId)), event);
      }
      case EventTypes.AchievementApprovalWithdrawn: {
        const a = await this.achievement(tx, event.data.achievementId);
        a.approvals.push({ type: 'withdrawn', jurisdiction: event.data.jurisdiction, effectiveFrom: event.data.effectiveFrom });
        await tx.put(StandingCollections.achievements, a.achievementId, a);
        return this.rejudge(tx, await index.all(tx, byAchievement(a.achievementId)), event);
      }
      case EventTypes.JurisdictionPolicyPublished: {
        // In force from its publication: credentials are recorded after their issue, so a publication never re-judges one already here.
        const policies = (await tx.get<PublishedPolicy[]>(StandingCollections.policies, event.data.jurisdiction)) ?? [];
        if (policies.some((p) => p.version === event.data.version)) return;
        return tx.put(StandingCollections.policies, event.data.jurisdiction, [...policies, { version: event.data.version, publishedAt: event.metadata.recordedAt, policy: event.data.policy }]);
      }
      case EventTypes.CredentialIssued:
        return this.issued(tx, event as RecordedEvent & { type: 'CredentialIssued' });
    }
  }

  /** Providers, achievements, policies and the index's last buckets: read and written once per batch, not per credential. */
  applyBatch(tx: ReadTx, events: RecordedEvent[]): Promise<void> {
    return applyThroughCache(tx, events, (t, e) => this.apply(t, e));
  }

  private async issued(tx: ReadTx, event: Extract<RecordedEvent, { type: 'CredentialIssued' }>): Promise<void> {
    const c = event.data;
    if (await tx.get(StandingCollections.standings, c.credentialId)) return;
    const p = await this.provider(tx, c.providerId);
    const a = await this.achievement(tx, c.achievementId);
    const inForce = a.revisions.filter((r) => r.position <= event.position);
    const view: Omit<CredentialStandingView, 'standing'> & { standing?: StandingAtIssue } = {
      credentialId: c.credentialId, providerId: c.providerId, achievementId: c.achievementId, jurisdiction: p.jurisdiction ?? '',
      issuedAt: c.issuedAt, issueEventId: event.metadata.eventId, revision: Math.max(1, inForce.length),
      ...(inForce.at(-1)?.level ? { level: inForce.at(-1)!.level } : {}),
      history: [],
    };
    await index.add(tx, byProvider(c.providerId), c.credentialId);
    await index.add(tx, byAchievement(c.achievementId), c.credentialId);
    await this.judge(tx, view, p, a, event);
  }

  private async rejudge(tx: ReadTx, credentialIds: string[], event: RecordedEvent): Promise<void> {
    for (const id of credentialIds) {
      const view = await tx.get<CredentialStandingView>(StandingCollections.standings, id);
      if (!view) continue;
      await this.judge(tx, view, await this.provider(tx, view.providerId), await this.achievement(tx, view.achievementId), event);
    }
  }

  private async judge(tx: ReadTx, view: Omit<CredentialStandingView, 'standing'> & { standing?: StandingAtIssue }, p: ProviderFacts, a: AchievementFacts, event: RecordedEvent): Promise<void> {
    const spec = a.revisions[view.revision - 1]?.spec;
    // Every policy that may apply to the provider's jurisdiction (its own, its country's, its group's): the approval names which.
    const policies = (await Promise.all(policyJurisdictionsFor(view.jurisdiction).map((j) => tx.get<PublishedPolicy[]>(StandingCollections.policies, j)))).flatMap((p) => p ?? []);
    const standing = standingAtIssue(
      { issuedAt: view.issuedAt, jurisdiction: view.jurisdiction, revision: view.revision, ...(view.level ? { level: view.level } : {}), ...(spec ? { spec } : {}) },
      { accreditations: p.accreditations, approvals: a.approvals, policies },
    );
    if (view.standing && JSON.stringify(view.standing) === JSON.stringify(standing)) return;
    const last = view.history.at(-1);
    if (last && !last.standing && view.standing) last.standing = view.standing;
    view.standing = standing;
    view.history.push({ position: event.position, recordedAt: event.metadata.recordedAt, cause: event.type });
    const tracked = view.discrepancies ?? {};
    for (const reason of standing.reasons) {
      const current = tracked[reason.code];
      if (current?.holds) continue;
      // First time: the id of the issue event and kind. Back after being superseded: a new one, from the event that brought it back.
      const discrepancyId = current ? discrepancyIdFor(view.issueEventId, `${reason.code}@${event.metadata.eventId}`) : discrepancyIdFor(view.issueEventId, reason.code);
      tracked[reason.code] = { discrepancyId, holds: true };
      await tx.put<PendingDiscrepancy>(StandingCollections.pending, discrepancyId, {
        discrepancyId, kind: reason.code, credentialId: view.credentialId, providerId: view.providerId, achievementId: view.achievementId,
        jurisdiction: view.jurisdiction, details: [reason.message], position: event.position,
      });
    }
    for (const [code, current] of Object.entries(tracked) as [StandingReasonCode, { discrepancyId: string; holds: boolean }][]) {
      if (!current.holds || standing.reasons.some((r) => r.code === code)) continue;
      tracked[code] = { ...current, holds: false };
      await tx.put<PendingSupersession>(StandingCollections.superseded, current.discrepancyId, {
        discrepancyId: current.discrepancyId, position: event.position,
        reason: `${event.type} (event ${event.metadata.eventId}, log position ${event.position}) re-judged the credential: ${code} no longer holds`,
      });
    }
    view.discrepancies = tracked;
    await tx.put(StandingCollections.standings, view.credentialId, view);
  }

  private async provider(tx: ReadTx, providerId: string): Promise<ProviderFacts> {
    return (await tx.get<ProviderFacts>(StandingCollections.providers, providerId)) ?? { providerId, accreditations: [] };
  }

  private async achievement(tx: ReadTx, achievementId: string): Promise<AchievementFacts> {
    return (await tx.get<AchievementFacts>(StandingCollections.achievements, achievementId)) ?? { achievementId, revisions: [], approvals: [] };
  }
}
