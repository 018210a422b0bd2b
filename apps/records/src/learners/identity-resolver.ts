import { buildMetadata, EventOf, IdentifierDigest, internalEventId, LearnerEvent, RecordedEvent, RequestContext, Streams } from '@app/contracts';
import { AppendRequest, EventStore, ExpectedRevision, WrongExpectedRevisionError } from '@app/event-store';
import { claimKey, holderDigests, resolve, Resolution } from './identity-resolution';

/** A few rounds are enough: each lost race leaves one more digest claimed, so the next read sees more. */
const MAX_ROUNDS = 5;

type Issued = RecordedEvent<EventOf<'CredentialIssued'>>;
/** Who holds a claimed digest (the learner of the last event on its claim stream), and the stream's revision. */
type Claims = Map<string, { learnerId: string; revision: number }>;

/**
 * Carries out identity resolution for issued credentials against the event store: reads
 * the claim streams of their digests, decides (resolve), and writes. A digest is claimed with
 * expected revision no-stream, so of two credentials racing for the same new identifier one
 * wins and the other, on its next round, sees the claim and joins that learner, passing on
 * any digest it had claimed provisionally (at the revision it read, so only once). Every event
 * id derives from the credential event's id: a retry or a replay writes nothing twice.
 */
export class IdentityResolver {
  constructor(private readonly events: EventStore) {}

  async resolveIssued(issued: Issued, ctx: RequestContext): Promise<Resolution> {
    const digests = holderDigests(issued.data);
    for (let round = 1; ; round++) {
      const claims = await this.claims(digests);
      const resolution = resolve(issued.metadata.eventId, digests, owners(claims));
      try {
        await this.write(issued, resolution, claims, ctx);
        return resolution;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || round >= MAX_ROUNDS) throw error;
      }
    }
  }

  /**
   * Resolves many issued credentials, in order, with the result of resolveIssued on each in
   * turn: one read of every claim stream they touch, the rule applied in memory (a credential
   * sees the claims and learners decided for the ones before it), and one durable write of
   * everything decided, all or nothing where the engine can (appendAll). When a racing writer
   * moved a claim stream, nothing of the batch is kept and each credential is resolved on its
   * own (resolveIssued, idempotent by event id). Without appendAll, the claims are written
   * first and the learner events only once every claim is won, as resolveIssued does.
   */
  async resolveBatch(batch: Issued[], ctxFor: (issued: Issued) => RequestContext): Promise<Resolution[]> {
    const digests = batch.map((issued) => holderDigests(issued.data));
    const claims = await this.claims(digests.flat());
    // Kept in step with `claims` (not rebuilt per credential: a batch holds thousands of digests).
    const holders = owners(claims);
    const resolutions: Resolution[] = [];
    const planned: { claims: AppendRequest[]; learner: AppendRequest[] }[] = [];
    batch.forEach((issued, i) => {
      const resolution = resolve(issued.metadata.eventId, digests[i], holders);
      resolutions.push(resolution);
      planned.push(this.requests(issued, resolution, claims, ctxFor(issued)));
      if (resolution.kind !== 'link') return;
      // What the next credentials of the batch must see: these digests now held by this learner.
      for (const d of resolution.claim) {
        const held = claims.get(claimKey(d));
        claims.set(claimKey(d), { learnerId: resolution.learnerId, revision: held ? held.revision + 1 : 0 });
        holders.set(claimKey(d), resolution.learnerId);
      }
    });
    try {
      if (this.events.appendAll) {
        // Per credential, its claims before its learner events: the log reads as resolveIssued writes it.
        const ordered = planned.flatMap((p) => [...p.claims, ...p.learner]);
        if (ordered.length > 0) await this.events.appendAll(ordered);
        return resolutions;
      }
      const claimRequests = planned.flatMap((p) => p.claims);
      const learnerRequests = planned.flatMap((p) => p.learner);
      if (claimRequests.length > 0) throwFirstFailure(await this.events.appendMany(claimRequests));
      if (learnerRequests.length > 0) throwFirstFailure(await this.events.appendMany(learnerRequests));
      return resolutions;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
    }
    const resolved: Resolution[] = [];
    for (const issued of batch) resolved.push(await this.resolveIssued(issued, ctxFor(issued)));
    return resolved;
  }

  private async claims(digests: IdentifierDigest[]): Promise<Claims> {
    const ids = [...new Set(digests.map((d) => Streams.identityClaim(d.scheme, d.digest)))];
    const streams = ids.length > 0 ? await this.events.readStreams(ids) : new Map<string, RecordedEvent[]>();
    const claims: Claims = new Map();
    for (const d of digests) {
      const last = streams.get(Streams.identityClaim(d.scheme, d.digest))?.at(-1);
      if (last?.type === 'LearnerIdentifierLinked') claims.set(claimKey(d), { learnerId: last.data.learnerId, revision: last.revision });
    }
    return claims;
  }

  /**
   * What a resolution writes: the claims (each on its own stream, each with its own expected
   * revision: a new digest on an empty stream; a provisional claim of ours passes on at the
   * revision we read), then the learner events, one request each (a retry that finds the
   * first already stored must not mix it with a new id), or the conflict.
   */
  private requests(issued: Issued, resolution: Resolution, claims: Claims, ctx: RequestContext): { claims: AppendRequest[]; learner: AppendRequest[] } {
    const source = issued.metadata.eventId;
    const { credentialId, providerId } = issued.data;
    const request = (streamId: string, event: LearnerEvent, key: string, expectedRevision: ExpectedRevision): AppendRequest => ({
      streamId, expectedRevision, events: [{ ...event, metadata: buildMetadata(ctx, { eventId: derivedEventId(source, key), causationId: source }) }],
    });
    if (resolution.kind === 'none') return { claims: [], learner: [] };
    if (resolution.kind === 'conflict') {
      return { claims: [], learner: [request(Streams.identityConflict(credentialId), { type: 'LearnerIdentityConflict', data: { credentialId, learnerIds: resolution.learnerIds } }, 'conflict', 'any')] };
    }
    const { learnerId } = resolution;
    const claimRequests = resolution.claim.map((d) => {
      const held = claims.get(claimKey(d));
      const key = `${held ? 'pass' : 'claim'}\u0000${claimKey(d)}`;
      return request(Streams.identityClaim(d.scheme, d.digest), { type: 'LearnerIdentifierLinked', data: { learnerId, scheme: d.scheme, digest: d.digest, credentialId } }, key, held ? held.revision : 'no-stream');
    });
    const learner = [
      ...(resolution.open ? [request(Streams.learner(learnerId), { type: 'LearnerRecordOpened', data: { learnerId, openedBy: { credentialId } } }, 'opened', 'any')] : []),
      request(Streams.learner(learnerId), { type: 'LearnerCredentialLinked', data: { learnerId, credentialId, providerId } }, 'credential', 'any'),
    ];
    return { claims: claimRequests, learner };
  }

  private async write(issued: Issued, resolution: Resolution, claims: Claims, ctx: RequestContext): Promise<void> {
    const { claims: claimRequests, learner } = this.requests(issued, resolution, claims, ctx);
    // Every claim in one durable write; claims that won stay won when another lost: the next round sees them as ours.
    if (claimRequests.length > 0) throwFirstFailure(await this.events.appendMany(claimRequests));
    for (const r of learner) await this.events.append(r);
  }
}

/** The id of the event a resolution of credential event `source` writes under `key`: the same on every round, retry and replay. */
export function derivedEventId(source: string, key: 'credential' | 'conflict' | string): string {
  return internalEventId('learner-identity', `${source}\u0000${key}`);
}

/**
 * The ids of the events that close a resolution of credential event `source`: a link writes
 * its LearnerCredentialLinked last (after every claim is won and the record opened), a conflict
 * writes only its LearnerIdentityConflict. Either in the log means the resolution is complete.
 */
export function closingEventIds(source: string): [link: string, conflict: string] {
  return [derivedEventId(source, 'credential'), derivedEventId(source, 'conflict')];
}

function owners(claims: Claims): Map<string, string> {
  return new Map([...claims].map(([k, c]) => [k, c.learnerId]));
}

function throwFirstFailure(outcomes: Awaited<ReturnType<EventStore['appendMany']>>): void {
  const failed = outcomes.find((o) => !o.ok);
  if (failed && !failed.ok) throw failed.error;
}
