import { buildMetadata, EventOf, IdentifierDigest, internalEventId, LearnerEvent, RecordedEvent, RequestContext, Streams } from '@app/contracts';
import { AppendRequest, EventStore, ExpectedRevision, WrongExpectedRevisionError } from '@app/event-store';
import { claimKey, holderDigests, resolve, Resolution } from './identity-resolution';

/** A few rounds are enough: each lost race leaves one more digest claimed, so the next read sees more. */
const MAX_ROUNDS = 5;

/**
 * Carries out identity resolution for one issued credential against the event store: reads
 * the claim streams of its digests, decides (resolve), and writes. A digest is claimed with
 * expected revision no-stream, so of two credentials racing for the same new identifier one
 * wins and the other, on its next round, sees the claim and joins that learner, passing on
 * any digest it had claimed provisionally (at the revision it read, so only once). Every event
 * id derives from the credential event's id: a retry or a replay writes nothing twice.
 */
export class IdentityResolver {
  constructor(private readonly events: EventStore) {}

  async resolveIssued(issued: RecordedEvent<EventOf<'CredentialIssued'>>, ctx: RequestContext): Promise<Resolution> {
    const digests = holderDigests(issued.data);
    for (let round = 1; ; round++) {
      const claims = await this.claims(digests);
      const resolution = resolve(issued.metadata.eventId, digests, new Map([...claims].map(([k, c]) => [k, c.learnerId])));
      try {
        await this.write(issued, resolution, claims, ctx);
        return resolution;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || round >= MAX_ROUNDS) throw error;
      }
    }
  }

  /** Who holds each claimed digest (the learner of the last event on its claim stream), and the stream's revision. */
  private async claims(digests: IdentifierDigest[]): Promise<Map<string, { learnerId: string; revision: number }>> {
    const streams = await this.events.readStreams(digests.map((d) => Streams.identityClaim(d.scheme, d.digest)));
    const claims = new Map<string, { learnerId: string; revision: number }>();
    for (const d of digests) {
      const last = streams.get(Streams.identityClaim(d.scheme, d.digest))?.at(-1);
      if (last?.type === 'LearnerIdentifierLinked') claims.set(claimKey(d), { learnerId: last.data.learnerId, revision: last.revision });
    }
    return claims;
  }

  private async write(issued: RecordedEvent<EventOf<'CredentialIssued'>>, resolution: Resolution, claims: Map<string, { revision: number }>, ctx: RequestContext): Promise<void> {
    const source = issued.metadata.eventId;
    const { credentialId, providerId } = issued.data;
    const request = (streamId: string, event: LearnerEvent, key: string, expectedRevision: ExpectedRevision): AppendRequest => ({
      streamId, expectedRevision, events: [{ ...event, metadata: buildMetadata(ctx, { eventId: internalEventId('learner-identity', `${source}\u0000${key}`), causationId: source }) }],
    });
    const append = (streamId: string, event: LearnerEvent, key: string, expectedRevision: ExpectedRevision) => this.events.append(request(streamId, event, key, expectedRevision));
    if (resolution.kind === 'none') return;
    if (resolution.kind === 'conflict') {
      await append(Streams.identityConflict(credentialId), { type: 'LearnerIdentityConflict', data: { credentialId, learnerIds: resolution.learnerIds } }, 'conflict', 'any');
      return;
    }
    const { learnerId } = resolution;
    // Every claim in one durable write (each on its own stream, each with its own expected revision):
    // a new digest is claimed on an empty stream; a provisional claim of ours passes on at the revision
    // we read. Claims that won stay won when another lost: the next round sees them as ours.
    const outcomes = await this.events.appendMany(resolution.claim.map((d) => {
      const held = claims.get(claimKey(d));
      const key = `${held ? 'pass' : 'claim'}\u0000${claimKey(d)}`;
      return request(Streams.identityClaim(d.scheme, d.digest), { type: 'LearnerIdentifierLinked', data: { learnerId, scheme: d.scheme, digest: d.digest, credentialId } }, key, held ? held.revision : 'no-stream');
    }));
    const failed = outcomes.find((o) => !o.ok);
    if (failed && !failed.ok) throw failed.error;
    // Appended one at a time: a retry that finds the first already stored must not mix it with a new id.
    if (resolution.open) await append(Streams.learner(learnerId), { type: 'LearnerRecordOpened', data: { learnerId, openedBy: { credentialId } } }, 'opened', 'any');
    await append(Streams.learner(learnerId), { type: 'LearnerCredentialLinked', data: { learnerId, credentialId, providerId } }, 'credential', 'any');
  }
}
