import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { EvidenceLink } from '@app/contracts';
import { EVIDENCE_STORE, EvidenceCipher, EvidenceStore, StoredEvidence } from '@app/personal-data';
import { PresentedSignature } from '../signed-requests';

/**
 * Keeps signed submissions as evidence (issue 12 item 4): for every batch (HTTP) or message
 * (Kafka) that came signed and passed the signature check, the exact body sealed under a key
 * of its own, its digest, key id and signature, written durably before any event it produces
 * is appended, so an event never links evidence that was not kept. Answers the link each of
 * those events carries in `metadata.evidence`.
 */
@Injectable()
export class EvidenceRecorder implements OnApplicationShutdown {
  constructor(@Inject(EVIDENCE_STORE) private readonly store: EvidenceStore, private readonly cipher: EvidenceCipher) {}

  /** One link per presented signature, undefined for an unsigned one; all kept in one durable write. */
  async keep(providerId: string, presented: PresentedSignature[], receivedAt: string): Promise<(EvidenceLink | undefined)[]> {
    const rows: StoredEvidence[] = [];
    const links = await Promise.all(presented.map(async (p) => {
      if (!p.keyId || !p.signature || !p.digest || !p.body) return undefined;
      const bodyDigest = p.digest.toString('hex');
      const sealedBody = await this.cipher.seal(bodyDigest, p.body);
      rows.push({ bodyDigest, providerId, keyId: p.keyId, signature: p.signature, receivedAt, ...(sealedBody ? { sealedBody } : {}) });
      return { bodyDigest, keyId: p.keyId, signature: p.signature };
    }));
    await this.store.putMany(rows);
    return links;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
