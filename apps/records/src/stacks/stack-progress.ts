/**
 * The stacking rule, pure: how far a learner's credentials go towards a stack, and whether they
 * earn it. Used by `GET /v1/learners/{id}/stacks` and by the learner record.
 *
 * A credential meets a stack achievement when it is for that (providerId, achievementId), was
 * quality-assured at issue, is neither revoked nor suspended (an expired credential still
 * counts: the learning was achieved and assured, expiry ends its currency, not the
 * achievement), and its normalised EQF level is at or above the stack's minimum (no level, or
 * one not comparable with the EQF, does not count). A met achievement adds its conservative
 * ECTS-equivalent (the minimum of the normalised range) once, however many credentials meet it;
 * credits that are not comparable add nothing, and the item says so. The stack is earned when
 * every mandatory achievement is met and the ECTS-equivalent earned reaches the minimum.
 */

/** A stack's terms (the body of StackDefined). */
export interface StackTerms {
  stackId: string;
  title: string;
  jurisdiction: string;
  minimumEcts: number;
  minimumEqfLevel: number;
  achievements: { providerId: string; achievementId: string; mandatory: boolean }[];
}

/** One credential the learner holds, with what the rule needs of its standing and normalised figures. */
export interface StackCredential {
  credentialId: string;
  providerId: string;
  achievementId: string;
  status: 'issued' | 'suspended' | 'expired' | 'revoked';
  /** standing.qualityAssured: judged at issue. */
  qualityAssured: boolean;
  /** normalised.eqf.level: null when none was declared or it is not comparable. */
  eqfLevel: number | null;
  /** normalised.ects.min: null when the credits are not comparable. */
  ectsMin: number | null;
}

export type StackReasonCode =
  | 'revoked' | 'suspended' | 'not-quality-assured' | 'level-not-comparable' | 'level-below-minimum'
  | 'not-held' | 'no-credential-counts' | 'credits-not-comparable'
  | 'mandatory-missing' | 'ects-below-minimum' | 'eligible';

export interface StackReason {
  code: StackReasonCode;
  message: string;
}

export interface CredentialJudgement {
  credentialId: string;
  status: StackCredential['status'];
  counts: boolean;
  eqfLevel: number | null;
  ectsMin: number | null;
  reasons: StackReason[];
}

export interface AchievementProgress {
  providerId: string;
  achievementId: string;
  mandatory: boolean;
  /** The learner holds at least one credential for it (counting or not). */
  held: boolean;
  /** At least one of those credentials counts. */
  met: boolean;
  /** The credential it is met by (the one adding the most ECTS-equivalent). */
  credentialId?: string;
  /** ECTS-equivalent it adds: 0 unless met with comparable credits. */
  ects: number;
  credentials: CredentialJudgement[];
  reasons: StackReason[];
}

export interface StackProgress {
  stackId: string;
  title: string;
  jurisdiction: string;
  minimumEcts: number;
  minimumEqfLevel: number;
  achievements: AchievementProgress[];
  ectsEarned: number;
  mandatoryMissing: { providerId: string; achievementId: string }[];
  eligible: boolean;
  reasons: StackReason[];
}

// ECTS-equivalents derived from hours are fractions: sums are kept to a thousandth so that
// 0.1 + 0.2 reaches a 0.3 threshold.
const round = (n: number) => Math.round(n * 1000) / 1000;

/** Whether the learner holds any credential for one of the stack's achievements. */
export function hasProgressTowards(stack: StackTerms, credentials: readonly StackCredential[]): boolean {
  return stack.achievements.some((a) => credentials.some((c) => c.providerId === a.providerId && c.achievementId === a.achievementId));
}

/** Progress and eligibility of one learner towards one stack. */
export function stackProgress(stack: StackTerms, credentials: readonly StackCredential[]): StackProgress {
  const achievements = stack.achievements.map((a) => achievementProgress(a, stack.minimumEqfLevel, credentials));
  const ectsEarned = round(achievements.reduce((sum, a) => sum + a.ects, 0));
  const mandatoryMissing = achievements.filter((a) => a.mandatory && !a.met).map(({ providerId, achievementId }) => ({ providerId, achievementId }));
  const reasons: StackReason[] = mandatoryMissing.map((m) => ({
    code: 'mandatory-missing', message: `mandatory achievement ${m.achievementId} of ${m.providerId} is not met`,
  }));
  if (ectsEarned < stack.minimumEcts) {
    reasons.push({ code: 'ects-below-minimum', message: `${ectsEarned} ECTS-equivalent at or above EQF ${stack.minimumEqfLevel}; ${stack.minimumEcts} needed` });
  }
  const eligible = reasons.length === 0;
  if (eligible) {
    reasons.push({ code: 'eligible', message: `every mandatory achievement met; ${ectsEarned} ECTS-equivalent at or above EQF ${stack.minimumEqfLevel} (${stack.minimumEcts} needed)` });
  }
  const { stackId, title, jurisdiction, minimumEcts, minimumEqfLevel } = stack;
  return { stackId, title, jurisdiction, minimumEcts, minimumEqfLevel, achievements, ectsEarned, mandatoryMissing, eligible, reasons };
}

function achievementProgress(wanted: StackTerms['achievements'][number], minimumEqfLevel: number, credentials: readonly StackCredential[]): AchievementProgress {
  const judged = credentials
    .filter((c) => c.providerId === wanted.providerId && c.achievementId === wanted.achievementId)
    .sort((a, b) => a.credentialId.localeCompare(b.credentialId))
    .map((c) => judge(c, minimumEqfLevel));
  const counting = judged.filter((c) => c.counts);
  const best = counting.reduce<CredentialJudgement | undefined>((b, c) => (!b || (c.ectsMin ?? -1) > (b.ectsMin ?? -1) ? c : b), undefined);
  const base = { ...wanted, held: judged.length > 0, met: best !== undefined, credentials: judged };
  if (!best) {
    const reasons: StackReason[] = judged.length === 0
      ? [{ code: 'not-held', message: 'the learner holds no credential for this achievement' }]
      : [{ code: 'no-credential-counts', message: 'none of the credentials for this achievement counts (see each credential)' }];
    return { ...base, ects: 0, reasons };
  }
  if (best.ectsMin === null) {
    return { ...base, credentialId: best.credentialId, ects: 0, reasons: [{ code: 'credits-not-comparable', message: 'met, but its credits are not comparable with ECTS: it adds no ECTS-equivalent' }] };
  }
  return { ...base, credentialId: best.credentialId, ects: best.ectsMin, reasons: [] };
}

function judge(c: StackCredential, minimumEqfLevel: number): CredentialJudgement {
  const reasons: StackReason[] = [];
  if (c.status === 'revoked') reasons.push({ code: 'revoked', message: 'revoked: a revoked credential never counts' });
  if (c.status === 'suspended') reasons.push({ code: 'suspended', message: 'suspended: it does not count while suspended' });
  if (!c.qualityAssured) reasons.push({ code: 'not-quality-assured', message: 'not quality-assured at issue' });
  if (c.eqfLevel === null) reasons.push({ code: 'level-not-comparable', message: 'no EQF level: none declared, or not comparable with the EQF' });
  else if (c.eqfLevel < minimumEqfLevel) reasons.push({ code: 'level-below-minimum', message: `EQF ${c.eqfLevel} is below the minimum EQF ${minimumEqfLevel}` });
  return { credentialId: c.credentialId, status: c.status, counts: reasons.length === 0, eqfLevel: c.eqfLevel, ectsMin: c.ectsMin, reasons };
}
