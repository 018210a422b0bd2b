import { buildMetadata, EventOf, IdentifierDigest, internalEventId, LearnerEvent, RecordedEvent, RequestContext, Streams } from '@app/contracts';
import { EventStore, WrongExpectedRevisionError } from '@app/event-store';
import { claimKey, holderDigests, resolve, Resolution } from './identity-resolution';

/** A few rounds are enough: each lost race leaves one more digest claimed, so the next read sees more. */
const MAX_ROUNDS = 5;

/**
 * Carries out identity resolution for one issued credential against the event store: reads
 * the claim streams of its digests, decides (resolve), and writes. A digest is claimed with
 * expected revision no-stream, so of two credentials racing for the same new identifier one
 * wins and the other, on its next round, sees the claim and joins that learner. Every event
 * id derives from the credential event's id: a retry or a replay writes nothing twice.
 */
export class IdentityResolver {
  constructor(private readonly events: EventStore) {}

  async resolveIssued(issued: RecordedEvent<EventOf<'CredentialIssued'>>, ctx: RequestContext): Promise<Resolution> {
    const digests = holderDigests(issued.data);
    for (let round = 1; ; round++) {
      const resolution = resolve(issued.metadata.eventId, digests, await this.owners(digests));
      try {
        await this.write(issued, resolution, ctx);
        return resolution;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || round >= MAX_ROUNDS) throw error;
      }
    }
  }

  /** Who claimed each digest: the learner of the first event on its claim stream. */
  private async owners(digests: IdentifierDigest[]): Promise<Map<string, string>> {
    const streams = await this.events.readStreams(digests.map((d) => Streams.identityClaim(d.scheme, d.digest)));
    const owners = new Map<string, string>();
    for (const d of digests) {
      const first = streams.get(Streams.identityClaim(d.scheme, d.digest))?.[0];
      if (first?.type === 'LearnerIdentifierLinked') owners.set(claimKey(d), first.data.learnerId);
    }
    return owners;
  }

  private async write(issued: RecordedEvent<EventOf<'CredentialIssued'>>, resolution: Resolution, ctx: RequestContext): Promise<void> {
    const source = issued.metadata.eventId;
    const { credentialId, providerId } = issued.data;
    const append = (streamId: string, event: LearnerEvent, key: string, expectedRevision: 'any' | 'no-stream') =>
      this.events.append({ streamId, expectedRevision, events: [{ ...event, metadata: buildMetadata(ctx, { eventId: internalEventId('learner-identity', `${source}\u0000${key}`), causationId: source }) }] });
    if (resolution.kind === 'none') return;
    if (resolution.kind === 'conflict') {
      await append(Streams.identityConflict(credentialId), { type: 'LearnerIdentityConflict', data: { credentialId, learnerIds: resolution.learnerIds } }, 'conflict', 'any');
      return;
    }
    const { learnerId } = resolution;
    for (const d of resolution.claim) {
      await append(Streams.identityClaim(d.scheme, d.digest), { type: 'LearnerIdentifierLinked', data: { learnerId, scheme: d.scheme, digest: d.digest, credentialId } }, `claim\u0000${claimKey(d)}`, 'no-stream');
    }
    // Appended one at a time: a retry that finds the first already stored must not mix it with a new id.
    if (resolution.open) await append(Streams.learner(learnerId), { type: 'LearnerRecordOpened', data: { learnerId, openedBy: { credentialId } } }, 'opened', 'any');
    await append(Streams.learner(learnerId), { type: 'LearnerCredentialLinked', data: { learnerId, credentialId, providerId } }, 'credential', 'any');
  }
}
