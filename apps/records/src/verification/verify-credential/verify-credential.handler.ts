import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { isExpiredAt, NotFoundError } from '@app/contracts';
import { READ_STORE, ReadStore } from '@app/read-store';
import { AchievementView, Collections, CredentialView, ProviderView } from '../../credentials/credential-view';
import { RecordsProjections } from '../../credentials/records-projections.service';
import { ACHIEVEMENT_REVISIONS, AchievementRevisions, revisionAt, RevisionSummary } from '../achievement-revisions.projection';
import { VerifyCredentialQuery } from './verify-credential.query';

/** A credential as a relying party sees it: status, issuer, achievement and timestamps, from the records read model. */
@QueryHandler(VerifyCredentialQuery)
export class VerifyCredentialHandler implements IQueryHandler<VerifyCredentialQuery> {
  constructor(
    @Inject(READ_STORE) private readonly reads: ReadStore,
    private readonly projections: RecordsProjections,
  ) {}

  async execute({ credentialId }: VerifyCredentialQuery) {
    const credential = await this.reads.get<CredentialView>(Collections.credentials, credentialId);
    if (!credential) throw new NotFoundError('credential');
    const [provider, achievement, revisions] = await Promise.all([
      this.reads.get<ProviderView>(Collections.providers, credential.providerId),
      this.reads.get<AchievementView>(Collections.achievements, credential.achievementId),
      this.reads.get<AchievementRevisions>(ACHIEVEMENT_REVISIONS, credential.achievementId),
    ]);
    // The specification in force when the credential was issued, not as revised since.
    const issuedUnder = revisions && revisionAt(revisions.revisions, credential.history[0].position);
    const now = new Date();
    // CredentialExpired may not be written yet (the scheduler runs in passes): the same rule answers meanwhile.
    const status = isExpiredAt(credential, now) ? 'expired' : credential.status;
    return {
      credentialId,
      credentialRef: credential.credentialRef,
      status,
      valid: status === 'issued',
      provider: provider ?? { providerId: credential.providerId },
      achievement: inForce(credential.achievementId, achievement, issuedUnder, revisions?.revisions.length),
      issuedAt: credential.issuedAt,
      ...(credential.validUntil ? { validUntil: credential.validUntil } : {}),
      ...(credential.grade ? { grade: credential.grade } : {}),
      statusChangedAt: credential.statusChangedAt,
      ...(credential.statusReason ? { statusReason: credential.statusReason } : {}),
      recordedAt: credential.recordedAt,
      history: credential.history,
      checkedAt: now.toISOString(),
      ledgerPosition: this.projections.runner.caughtUpTo,
    };
  }
}

function inForce(achievementId: string, current: AchievementView | undefined, issuedUnder: RevisionSummary | undefined, currentRevision: number | undefined) {
  if (!current) return { achievementId };
  if (!issuedUnder) return current;
  const { position: _position, ...spec } = issuedUnder;
  return { achievementId, providerId: current.providerId, ...spec, currentRevision: currentRevision ?? spec.revision, retired: current.retired };
}
