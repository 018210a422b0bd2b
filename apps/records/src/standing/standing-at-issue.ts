import { AccreditationScope, decisionJurisdiction, AchievementSpec, CreditsRef, evaluatePolicy, JurisdictionPolicy, LevelRef, PolicyRef, toEqf } from '@app/contracts';

/** One accreditation of the provider as records folds it: the window and its effective-dated changes. */
export interface AccreditationFacts {
  accreditationId: string;
  qaBodyId: string;
  scope: AccreditationScope;
  validFrom: string;
  validUntil: string;
  /** Suspensions, reinstatements and withdrawals in log order, each from its effective date. */
  changes: { type: 'suspended' | 'reinstated' | 'withdrawn'; effectiveFrom: string }[];
}

/** A QA decision on the achievement, in log order. */
export type ApprovalFact =
  | { type: 'approved' | 'declined'; jurisdiction: string; revision: number; policy: PolicyRef; level?: LevelRef; credits?: CreditsRef }
  | { type: 'withdrawn'; jurisdiction: string; effectiveFrom: string };

export interface CredentialFacts {
  issuedAt: string;
  /** The provider's jurisdiction: the one whose approval counts. */
  jurisdiction: string;
  /** The achievement revision in force when the credential was issued (1 = its definition), and its level. */
  revision: number;
  level?: { framework: string; value: number };
  /** The specification of that revision: what the policy in force at issue is checked against. */
  spec?: AchievementSpec;
}

/** A version of the jurisdiction's policy and when the ledger recorded its publication. */
export interface PublishedPolicy {
  version: string;
  publishedAt: string;
  policy: JurisdictionPolicy;
}

export interface QaHistory {
  accreditations: AccreditationFacts[];
  approvals: ApprovalFact[];
  /** The versions of the credential's jurisdiction's policy, in log order. */
  policies?: PublishedPolicy[];
}

export type AccreditationJudgement = 'accredited' | 'not-accredited' | 'level-outside-scope';
export type ApprovalJudgement = 'approved' | 'not-approved' | 'declined' | 'withdrawn' | 'revision-not-approved';
export type StandingReasonCode = 'unaccredited-provider' | 'level-outside-accreditation-scope' | 'unapproved-achievement' | 'policy-violation';

export interface StandingAtIssue {
  qualityAssured: boolean;
  accreditation: { status: AccreditationJudgement; accreditationId?: string; qaBodyId?: string };
  approval: { status: ApprovalJudgement; jurisdiction: string; revision: number; decidedRevision?: number };
  /** The policy the approval was decided under; null when there is no live decision. */
  policy: PolicyRef | null;
  reasons: { code: StandingReasonCode; message: string }[];
}

const t = (instant: string) => Date.parse(instant);

/**
 * The status of one accreditation at an instant: the window is half-open [validFrom, validUntil)
 * and each change holds from its effective date (the same rule as quality assurance's timeline,
 * apps/quality-assurance/src/accreditation/accreditation.timeline.ts, folded here because apps never
 * import each other).
 */
export function accreditationActiveAt(a: AccreditationFacts, instant: string): boolean {
  const at = t(instant);
  if (at < t(a.validFrom) || at >= t(a.validUntil)) return false;
  let active = true;
  for (const change of a.changes) if (t(change.effectiveFrom) <= at) active = change.type === 'reinstated';
  return active;
}

/** A level is in scope in the scope's own framework, or when both reference EQF levels inside the scope's EQF range. */
export function levelInScope(scope: AccreditationScope, level: { framework: string; value: number } | undefined): boolean {
  if (!level) return true;
  if (level.framework === scope.framework) return level.value >= scope.minLevel && level.value <= scope.maxLevel;
  const asked = toEqf(level.framework, level.value);
  const lo = toEqf(scope.framework, scope.minLevel);
  const hi = toEqf(scope.framework, scope.maxLevel);
  if ('notComparable' in asked || 'notComparable' in lo || 'notComparable' in hi) return false;
  return asked.eqf >= lo.eqf && asked.eqf <= hi.eqf;
}

function judgeAccreditation(credential: CredentialFacts, accreditations: AccreditationFacts[]): StandingAtIssue['accreditation'] {
  const active = accreditations.filter((a) => accreditationActiveAt(a, credential.issuedAt));
  if (active.length === 0) return { status: 'not-accredited' };
  const covering = active.find((a) => levelInScope(a.scope, credential.level));
  if (!covering) return { status: 'level-outside-scope', accreditationId: active[0].accreditationId, qaBodyId: active[0].qaBodyId };
  return { status: 'accredited', accreditationId: covering.accreditationId, qaBodyId: covering.qaBodyId };
}

/**
 * The live decision in the provider's jurisdiction, among those the ledger knows: an approval judges
 * one achievement revision, so it covers a credential issued under that revision whenever the
 * approval was reported (late reporting re-judges), unless it was withdrawn with effect on or
 * before the issue date. A later decision replaces an earlier one.
 */
type LiveDecision = { status: 'approved' | 'declined' | 'withdrawn'; revision: number; policy: PolicyRef; level?: LevelRef; credits?: CreditsRef };

function judgeApproval(credential: CredentialFacts, approvals: ApprovalFact[]): { approval: StandingAtIssue['approval']; policy: PolicyRef | null; live?: LiveDecision } {
  const base = { jurisdiction: credential.jurisdiction, revision: credential.revision };
  let live: LiveDecision | undefined;
  let other: { revision: number; policy: PolicyRef } | undefined;
  for (const fact of approvals) {
    if (fact.jurisdiction !== credential.jurisdiction) continue;
    if (fact.type === 'withdrawn') {
      if (live && t(fact.effectiveFrom) <= t(credential.issuedAt)) live = { ...live, status: 'withdrawn' };
    } else if (fact.revision === credential.revision) {
      live = { status: fact.type, revision: fact.revision, policy: fact.policy, ...(fact.level ? { level: fact.level } : {}), ...(fact.credits ? { credits: fact.credits } : {}) };
    } else {
      // A decision on another revision never covers this credential.
      other = { revision: fact.revision, policy: fact.policy };
    }
  }
  if (!live && other) return { approval: { ...base, status: 'revision-not-approved', decidedRevision: other.revision }, policy: null };
  if (!live) return { approval: { ...base, status: 'not-approved' }, policy: null };
  return { approval: { ...base, decidedRevision: live.revision, status: live.status }, policy: live.policy, live };
}

/** The version of the jurisdiction's policy in force on an instant: the latest whose publication the ledger recorded on or before it. */
export function policyInForce(policies: PublishedPolicy[], instant: string): PublishedPolicy | undefined {
  let found: PublishedPolicy | undefined;
  for (const p of policies) if (t(p.publishedAt) <= t(instant)) found = p;
  return found;
}

/**
 * A policy violation: the achievement was approved under one version of the jurisdiction's policy,
 * but on the issue date another version was in force, and the achievement as approved (the
 * specification of the revision in force at issue, with the level and credits the approval
 * recorded) breaks that version's rules, checked by the one policy engine quality assurance
 * decides with. Under the same version the approval's own evaluation stands (it passed every rule).
 * Shared rule sets (e.g. the Universities Australia minimums) are reported, never decide, so they
 * are not checked here. No approval, no policy in force, or no specification: nothing to judge.
 */
export function policyViolations(credential: CredentialFacts, live: LiveDecision | undefined, policies: PublishedPolicy[]): { inForce: PublishedPolicy; failures: { ruleId: string; message: string }[] } | undefined {
  if (!live || live.status !== 'approved' || !credential.spec) return undefined;
  // The versions of the policy the approval was decided under (EU for a member state that publishes none).
  const inForce = policyInForce(policies.filter((p) => p.policy.jurisdiction === live.policy.jurisdiction), credential.issuedAt);
  if (!inForce || inForce.version === live.policy.version) return undefined;
  const { failures } = evaluatePolicy(inForce.policy, { achievement: credential.spec, level: live.level, credits: live.credits });
  return failures.length ? { inForce, failures: failures.map((f) => ({ ruleId: f.ruleId, message: f.message })) } : undefined;
}

/**
 * Was the credential quality-assured when it was issued? The provider must hold an accreditation
 * active on `issuedAt` whose scope covers the achievement's level, the achievement revision in
 * force at issue must be approved in the provider's jurisdiction, and (when the policy changed
 * since the approval) the achievement as approved must meet the policy in force on `issuedAt`.
 * Pure: same facts, same answer.
 */
export function standingAtIssue(credential: CredentialFacts, qaHistory: QaHistory): StandingAtIssue {
  const accreditation = judgeAccreditation(credential, qaHistory.accreditations);
  const { approval, policy, live } = judgeApproval(credential, qaHistory.approvals);
  const reasons: StandingAtIssue['reasons'] = [];
  if (accreditation.status === 'not-accredited') {
    reasons.push({ code: 'unaccredited-provider', message: `the provider held no active accreditation on ${credential.issuedAt}` });
  } else if (accreditation.status === 'level-outside-scope') {
    const level = credential.level!;
    reasons.push({ code: 'level-outside-accreditation-scope', message: `${level.framework} level ${level.value} is outside the scope of every accreditation active on ${credential.issuedAt}` });
  }
  if (approval.status !== 'approved') {
    reasons.push({ code: 'unapproved-achievement', message: `revision ${credential.revision} of the achievement was not approved in ${credential.jurisdiction} (${approval.status})` });
  }
  const violation = policyViolations(credential, live, qaHistory.policies ?? []);
  if (violation) {
    reasons.push({
      code: 'policy-violation',
      message: `approved under ${credential.jurisdiction} policy ${live!.policy.version}, but policy ${violation.inForce.version} was in force on ${credential.issuedAt} and the achievement breaks it: ${violation.failures.map((f) => `${f.ruleId}: ${f.message}`).join('; ')}`,
    });
  }
  return { qualityAssured: reasons.length === 0, accreditation, approval, policy, reasons };
}

/**
 * The fact a QA decision contributes to a standing: one rule for the standing projection and the
 * learner record, so both judge alike. `revision` is the one it judged (see the callers for
 * decisions recorded before revisions were named).
 */
export function approvalFactOf(
  event: { type: 'AchievementApproved' | 'AchievementApprovalDeclined'; data: { jurisdiction?: string; policy: PolicyRef; level?: { framework: string; value: number }; credits?: { system: string; value: number } } },
  revision: number,
): ApprovalFact {
  const d = event.data;
  const decided = event.type === 'AchievementApproved' ? { ...(d.level ? { level: d.level } : {}), ...(d.credits ? { credits: d.credits } : {}) } : {};
  return { type: event.type === 'AchievementApproved' ? 'approved' : 'declined', jurisdiction: decisionJurisdiction(d), revision, policy: { jurisdiction: d.policy.jurisdiction, version: d.policy.version }, ...decided };
}
