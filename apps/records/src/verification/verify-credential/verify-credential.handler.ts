import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { isExpiredAt, NotFoundError, RecordedEvent, Streams, VerificationResponse } from '@app/contracts';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { READ_STORE, ReadStore } from '@app/read-store';
import { AchievementView, Collections, CredentialView, ProviderView } from '../../credentials/credential-view';
import { RecordsProjections } from '../../credentials/records-projections.service';
import { normalise } from '../../normalisation/normalise';
import { CredentialStandingView, StandingCollections } from '../../standing/standing.projection';
import { ACHIEVEMENT_REVISIONS, AchievementRevisions, revisionAt, RevisionSummary } from '../achievement-revisions.projection';
import { LedgerProofs } from '../../ledger-log/ledger-proofs';
import { holdsWholeStream, UnvouchedReason, vouch } from './read-model-vouch';
import { SharedDocs } from './shared-docs';
import { VerifyCredentialQuery } from './verify-credential.query';

/** The projection that writes the credential rows; its checkpoint says how far they are vouched for. */
const CREDENTIALS_PROJECTION = 'records.credentials';

/**
 * A credential as a relying party sees it: status, issuer, achievement in force at issue and
 * its normalised figures, from the records read model — checked against the credential's
 * stream, so a row the projection has not caught up with answers `unknown`, never "valid".
 */
@QueryHandler(VerifyCredentialQuery)
export class VerifyCredentialHandler implements IQueryHandler<VerifyCredentialQuery> {
  /** Providers, achievements and their revisions, read once per checkpoint of the records projections. */
  private readonly shared: SharedDocs;
  /** Normalised figures per specification object (kept ones are the same object while kept). */
  private readonly normalised = new WeakMap<object, ReturnType<typeof normalise>>();

  constructor(
    @Inject(READ_STORE) private readonly reads: ReadStore,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly projections: RecordsProjections,
    private readonly proofs: LedgerProofs,
  ) {
    this.shared = new SharedDocs(reads);
  }

  private inclusion(position: number | undefined) {
    return inclusionOf(this.proofs, position);
  }

  async execute({ credentialId }: VerifyCredentialQuery): Promise<VerificationResponse> {
    let { checkpoint, credential, last } = await this.fresh(credentialId);
    // A credential the log has never heard of: 404, as before step 8.
    if (!credential && !last) throw new NotFoundError('credential');
    let unvouched: UnvouchedReason | undefined;
    if (!last || !holdsWholeStream(last, credential)) {
      // Why the row falls short needs the whole stream, read after the checkpoint and the row: see vouch().
      checkpoint = await this.reads.getCheckpoint(CREDENTIALS_PROJECTION);
      credential = await this.reads.get<CredentialView>(Collections.credentials, credentialId);
      const stream = await this.events.readStream(Streams.credential(credentialId));
      unvouched = vouch(stream, credential, checkpoint);
      last = stream[stream.length - 1];
    }
    const now = new Date();
    const base = { checkedAt: now.toISOString(), ledgerPosition: this.projections.runner.caughtUpTo, ...(await this.inclusion(last?.position)) };
    if (!credential) return { credentialId, ...base, status: 'unknown', valid: false, unknownReason: unvouched ?? 'not-projected' };
    const [provider, achievement, revisions, judged] = await Promise.all([
      this.shared.get<ProviderView>(checkpoint, Collections.providers, credential.providerId),
      this.shared.get<AchievementView>(checkpoint, Collections.achievements, credential.achievementId),
      this.shared.get<AchievementRevisions>(checkpoint, ACHIEVEMENT_REVISIONS, credential.achievementId),
      this.reads.get<CredentialStandingView>(StandingCollections.standings, credentialId),
    ]);
    // The specification in force when the credential was issued, not as revised since.
    const issuedUnder = revisions && revisionAt(revisions.revisions, credential.history[0].position);
    const spec = issuedUnder ?? achievement;
    // CredentialExpired may not be written yet (the scheduler runs in passes): the same rule answers meanwhile.
    const status = unvouched ? 'unknown' : isExpiredAt(credential, now) ? 'expired' : credential.status;
    return {
      credentialId,
      credentialRef: credential.credentialRef,
      status,
      valid: status === 'issued',
      ...(unvouched ? { unknownReason: unvouched } : {}),
      provider: provider ?? { providerId: credential.providerId },
      achievement: inForce(credential.achievementId, achievement, issuedUnder, revisions?.revisions.length),
      // Beside the declared figures above, never instead of them.
      ...(spec ? { normalised: this.normalise(spec) } : {}),
      ...(judged ? { standing: judged.standing } : {}),
      issuedAt: credential.issuedAt,
      ...(credential.validUntil ? { validUntil: credential.validUntil } : {}),
      ...(credential.grade ? { grade: credential.grade } : {}),
      statusChangedAt: credential.statusChangedAt,
      ...(credential.statusReason ? { statusReason: credential.statusReason } : {}),
      recordedAt: credential.recordedAt,
      history: credential.history,
      ...base,
    };
  }

  /**
   * The records checkpoint (the stamp of the shared documents), the row and the stream's last
   * event: enough when the row holds the whole stream (holdsWholeStream), three reads.
   */
  private async fresh(credentialId: string) {
    const checkpoint = await this.reads.getCheckpoint(CREDENTIALS_PROJECTION);
    const credential = await this.reads.get<CredentialView>(Collections.credentials, credentialId);
    const stream = Streams.credential(credentialId);
    // Where the stream ends is all holdsWholeStream needs: no event body read and decoded per answer.
    const last = this.events.streamEnd ? await this.events.streamEnd(stream) : (await this.events.readStream(stream, { direction: 'backwards', maxCount: 1 }))[0];
    return { checkpoint, credential, last: last as Pick<RecordedEvent, 'revision' | 'position'> | undefined };
  }

  private normalise(spec: Parameters<typeof normalise>[0]) {
    let figures = this.normalised.get(spec);
    if (!figures) this.normalised.set(spec, (figures = normalise(spec)));
    return figures;
  }
}

/** The proof of the credential's latest event in the log, or null and why. */
async function inclusionOf(proofs: LedgerProofs, position: number | undefined) {
  if (position === undefined) return { inclusionProof: null, inclusionProofReason: 'the log holds no event of this credential' };
  const answer = await proofs.inclusionOfPosition(position);
  return 'reason' in answer ? { inclusionProof: null, inclusionProofReason: answer.reason } : { inclusionProof: answer };
}

function inForce(achievementId: string, current: AchievementView | undefined, issuedUnder: RevisionSummary | undefined, currentRevision: number | undefined) {
  if (!current) return { achievementId };
  if (!issuedUnder) return current;
  const { position: _position, ...spec } = issuedUnder;
  return { achievementId, providerId: current.providerId, ...spec, currentRevision: currentRevision ?? spec.revision, retired: current.retired };
}
