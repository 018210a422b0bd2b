import { EventTypes, IdentifierDigest, Streams } from '@app/contracts';
import { EventStore } from '@app/event-store';
import { EvidenceCipher, PersonalDataCipher } from '@app/personal-data';

/**
 * Every data key that may hold the learner's name or birth date: the key each credential's
 * personal data was sealed under (its CredentialIssued, read from the log, not a read model),
 * and the key any of the learner's identifier digests would seal under next, so a credential
 * arriving after the erasure that names one of them first cannot record personal data again.
 * Also the key of every signed submission kept as evidence that produced an event of those
 * credentials (`metadata.evidence`): its body names the learner in clear, so it is shredded too.
 */
export async function learnerKeyIds(events: EventStore, credentialIds: string[], digests: IdentifierDigest[]): Promise<{ sealed: string[]; all: string[] }> {
  const streams = await events.readStreams(credentialIds.map((id) => Streams.credential(id)));
  const sealed = new Set<string>();
  for (const stream of streams.values()) {
    for (const e of stream) {
      if (e.type === EventTypes.CredentialIssued && e.data.holder.personal) sealed.add(e.data.holder.personal.keyId);
      if (e.metadata.evidence) sealed.add(EvidenceCipher.keyIdFor(e.metadata.evidence.bodyDigest));
    }
  }
  const all = new Set([...sealed, ...digests.map((d) => PersonalDataCipher.keyIdFor(d))]);
  return { sealed: [...sealed].sort(), all: [...all].sort() };
}
