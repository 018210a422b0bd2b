import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Principal } from '@app/auth';
import { anyJurisdictionCovers, NotFoundError, Streams } from '@app/contracts';
import { EVENT_STORE, EventStore, foldStream } from '@app/event-store';
import { EVIDENCE_STORE, EvidenceCipher, EvidenceStore, StoredEvidence } from '@app/personal-data';
import { evolveProvider, initialProviderState } from '../provider/provider.state';
import { EvidenceResponse } from './evidence.responses';

export class GetEvidenceQuery extends Query<EvidenceResponse> {
  constructor(readonly bodyDigest: string, readonly principal: Principal) {
    super();
  }
}

/** One answer for unknown and out of scope, so a digest's existence never leaks. */
class EvidenceNotFoundError extends NotFoundError {
  constructor() {
    super('evidence');
    this.message = 'bodyDigest: evidence not found';
  }
}

/**
 * A signed submission as the provider sent it: an admin any; a regulator one from a provider
 * of its jurisdictions; a provider its own. The body is opened with its key from the vault, or
 * answered as erased once a learner of it was erased (the digest and signature still stand).
 */
@QueryHandler(GetEvidenceQuery)
export class GetEvidenceHandler implements IQueryHandler<GetEvidenceQuery> {
  constructor(
    @Inject(EVIDENCE_STORE) private readonly store: EvidenceStore,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly cipher: EvidenceCipher,
  ) {}

  async execute({ bodyDigest, principal }: GetEvidenceQuery): Promise<EvidenceResponse> {
    for (const evidence of await this.store.get(bodyDigest)) {
      if (await this.maySee(principal, evidence)) return this.answer(evidence);
    }
    throw new EvidenceNotFoundError();
  }

  private async maySee(principal: Principal, { providerId }: StoredEvidence): Promise<boolean> {
    if (principal.role === 'admin') return true;
    if (principal.role === 'provider') return principal.scope.providerId === providerId;
    if (principal.role !== 'regulator') return false;
    const { state } = await foldStream(this.events, Streams.provider(providerId), evolveProvider, initialProviderState);
    return state.registered !== undefined && anyJurisdictionCovers(principal.scope.jurisdictions ?? [], state.registered.jurisdiction);
  }

  private async answer(e: StoredEvidence): Promise<EvidenceResponse> {
    const body = e.sealedBody && (await this.cipher.open(e.bodyDigest, e.sealedBody));
    return {
      bodyDigest: e.bodyDigest, providerId: e.providerId, keyId: e.keyId, signature: e.signature, receivedAt: e.receivedAt,
      ...(body ? { body: body.toString('base64') } : { body: null, erased: true }),
    };
  }
}
