import { EventTypes, isExpiredAt } from '@app/contracts';
import { ReadStore } from '@app/read-store';
import { AchievementView, Collections, CredentialView, ProviderView } from '../../credentials/credential-view';
import { currentLearner, heldBy } from '../../learners/learner-reads';
import { normalise } from '../../normalisation/normalise';
import { CredentialStandingView, StandingCollections } from '../../standing/standing.projection';
import { ACHIEVEMENT_REVISIONS, AchievementRevisions, revisionAt } from '../../verification/achievement-revisions.projection';
import { StackCredential } from '../stack-progress';

/** A credential as the stacking rule sees it, with the issuing provider's jurisdiction for scoping. */
export interface ScopedStackCredential extends StackCredential {
  jurisdiction?: string;
}

/**
 * A credential's status for stacking. A suspension holds until a reinstatement, even once the
 * credential has expired meanwhile (the view then says `expired`, and verification too): a
 * suspended credential must not count again merely by running out. Otherwise it is the status
 * verification answers: expired once past validUntil, even before CredentialExpired is written.
 */
export function stackStatusOf(credential: Pick<CredentialView, 'status' | 'validUntil' | 'history'>, now: Date): StackCredential['status'] {
  if (credential.status === 'revoked') return 'revoked';
  const hold = credential.history.filter((h) => h.type === EventTypes.CredentialSuspended || h.type === EventTypes.CredentialReinstated).at(-1);
  if (hold?.type === EventTypes.CredentialSuspended) return 'suspended';
  return isExpiredAt(credential, now) ? 'expired' : credential.status;
}

export { currentLearner };

/** The credentials a learner holds now: its own and those of every learner merged into it. */
export async function heldCredentialIds(reads: ReadStore, learnerId: string): Promise<string[]> {
  return (await heldBy(reads, learnerId)).flatMap((g) => g.credentials.map((c) => c.credentialId));
}

/**
 * Each credential with what the stacking rule needs, from the read models: its status now
 * (expired once past validUntil, as verification answers), its standing at issue, and the
 * normalised figures of the achievement revision in force at issue. A credential a read model
 * has not caught up with yet is left out rather than guessed.
 */
export async function stackCredentials(reads: ReadStore, credentialIds: readonly string[], now: Date): Promise<ScopedStackCredential[]> {
  const out: ScopedStackCredential[] = [];
  for (const credentialId of [...new Set(credentialIds)].sort()) {
    const credential = await reads.get<CredentialView>(Collections.credentials, credentialId);
    if (!credential) continue;
    const [judged, provider, achievement, revisions] = await Promise.all([
      reads.get<CredentialStandingView>(StandingCollections.standings, credentialId),
      reads.get<ProviderView>(Collections.providers, credential.providerId),
      reads.get<AchievementView>(Collections.achievements, credential.achievementId),
      reads.get<AchievementRevisions>(ACHIEVEMENT_REVISIONS, credential.achievementId),
    ]);
    const spec = (revisions && revisionAt(revisions.revisions, credential.history[0].position)) ?? achievement;
    const figures = spec ? normalise(spec) : undefined;
    out.push({
      credentialId, providerId: credential.providerId, achievementId: credential.achievementId,
      status: stackStatusOf(credential, now),
      qualityAssured: judged?.standing.qualityAssured === true,
      eqfLevel: figures?.eqf.level ?? null,
      ectsMin: figures?.ects.min ?? null,
      ...(provider ? { jurisdiction: provider.jurisdiction } : {}),
    });
  }
  return out;
}
