import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { EventOf, EventTypes, internalEventId, RecordedEvent, RequestContext, Streams } from '@app/contracts';
import { decideOnStream, EVENT_STORE, EventStore, Subscription } from '@app/event-store';
import { LEDGER_ENV, LedgerEnv } from '@app/platform';
import { READ_STORE, ReadStore } from '@app/read-store';
import { RecordsProjections } from '../credentials/records-projections.service';
import { Collections, CredentialView, ProviderView } from '../credentials/credential-view';
import { discrepancyIdFor, PendingDiscrepancy, PendingSupersession, StandingCollections } from '../standing/standing.projection';
import { DuplicateCollections } from './duplicate-credentials.projection';
import { discrepancyDecider } from './discrepancy.decider';

export const RAISE_DISCREPANCIES_CHECKPOINT = 'records.raise-discrepancies';
const PAGE = 100;

/**
 * Raises the discrepancies the standing judgements call for. It follows the log from its own
 * checkpoint; after each batch it waits for the records projections to pass the batch, then
 * appends a DiscrepancyRaised for each queued one. The id derives from the credential's issue
 * event and the kind, and raising an existing discrepancy decides nothing, so a replay of the
 * log (or a crash between the append and the dequeue) never raises one twice.
 */
@Injectable()
export class RaiseDiscrepanciesProcess implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RaiseDiscrepanciesProcess.name);
  private subscription?: Subscription;

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly reads: ReadStore,
    private readonly projections: RecordsProjections,
    @Inject(LEDGER_ENV) private readonly env: LedgerEnv,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.env.raiseDiscrepancies === 'off') return;
    const after = await this.reads.getCheckpoint(RAISE_DISCREPANCIES_CHECKPOINT);
    this.subscription = this.events.subscribeToAll(after, (batch) => this.handle(batch), {
      batchSize: 500,
      onError: (error, attempt) => this.logger.warn({ err: error, attempt }, 'raising discrepancies failed; retrying'),
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
  }

  private async handle(batch: RecordedEvent[]): Promise<void> {
    const last = batch[batch.length - 1].position;
    // The subscription retries the batch (with backoff) until the standing projection has judged it.
    if (!(await this.projections.runner.waitFor(last))) throw new Error(`records projections have not reached position ${last}`);
    for (const collection of [StandingCollections.pending, DuplicateCollections.pending]) {
      for (;;) {
        const pending = await this.reads.find<PendingDiscrepancy>(collection, {}, { limit: PAGE });
        const todo = await this.dequeueWritten(collection, pending, (p) => raisedEventId(p.discrepancyId));
        for (const p of todo) await this.raise(collection, p);
        if (pending.length < PAGE) break;
      }
    }
    // After the raises, so a discrepancy raised and made moot within one batch is raised, then superseded.
    for (const collection of [StandingCollections.superseded, DuplicateCollections.superseded]) {
      for (;;) {
        const moot = await this.reads.find<PendingSupersession>(collection, {}, { limit: PAGE });
        const todo = await this.dequeueWritten(collection, moot, (m) => supersededEventId(m.discrepancyId));
        for (const m of todo) await this.supersede(collection, m);
        if (moot.length < PAGE) break;
      }
    }
    // Each event that calls for a discrepancy of its own, with the id of the event that raises it.
    const raisable = batch.flatMap((event) => {
      const kind = event.type === EventTypes.LearnerIdentityConflict ? 'possible-same-learner' : event.type === EventTypes.CredentialIssued && event.metadata.signature ? 'unknown-signing-key' : undefined;
      return kind ? [{ event, eventId: raisedEventId(discrepancyIdFor(event.metadata.eventId, kind)) }] : [];
    });
    const written = await this.known(raisable.map((r) => r.eventId));
    for (const { event, eventId } of raisable) {
      if (written.has(eventId)) continue;
      if (event.type === EventTypes.LearnerIdentityConflict) await this.raiseSameLearner(event);
      else await this.raiseUnknownKey(event as RecordedEvent<EventOf<'CredentialIssued'>>);
    }
    await this.reads.transaction((tx) => tx.setCheckpoint(RAISE_DISCREPANCIES_CHECKPOINT, last));
  }

  /**
   * Of a page of queued work, what is left to decide: those whose event the log already holds
   * (a rebuild replays every judgement; a crash fell between the append and the dequeue) are
   * dequeued together, in one transaction, without reading their streams: deciding them again
   * would append nothing.
   */
  private async dequeueWritten<T extends { discrepancyId: string }>(collection: string, queued: T[], eventIdOf: (q: T) => string): Promise<T[]> {
    const known = await this.known(queued.map(eventIdOf));
    if (known.size === 0) return queued;
    await this.reads.transaction(async (tx) => {
      for (const q of queued) if (known.has(eventIdOf(q))) await tx.delete(collection, q.discrepancyId);
    });
    return queued.filter((q) => !known.has(eventIdOf(q)));
  }

  /** Which of these event ids the log holds; none where the engine cannot tell (the work is then decided, idempotently). */
  private async known(eventIds: string[]): Promise<Set<string>> {
    return eventIds.length > 0 && this.events.knownEventIds ? this.events.knownEventIds(eventIds) : new Set();
  }

  /**
   * Identity resolution linked a credential to neither of two learners its identifiers point at:
   * people decide (merge, or dismiss). The id derives from the conflict event, so replays raise it once.
   */
  private async raiseSameLearner(event: RecordedEvent<EventOf<'LearnerIdentityConflict'>>): Promise<void> {
    const { credentialId, learnerIds } = event.data;
    const credential = await this.reads.get<CredentialView>(Collections.credentials, credentialId);
    const provider = credential && (await this.reads.get<ProviderView>(Collections.providers, credential.providerId));
    if (!credential || !provider) return void this.logger.warn({ credentialId }, 'identity conflict on a credential the read model does not hold; not raised');
    const discrepancyId = discrepancyIdFor(event.metadata.eventId, 'possible-same-learner');
    const eventId = raisedEventId(discrepancyId);
    const ctx = systemContext(event, eventId);
    await decideOnStream(this.events, Streams.discrepancy(discrepancyId), discrepancyDecider, {
      type: 'RaiseDiscrepancy',
      raised: {
        discrepancyId, kind: 'possible-same-learner', jurisdiction: provider.jurisdiction,
        details: ["the credential's identifiers belong to two learner records; it was linked to neither"],
        subject: { credentialId, providerId: credential.providerId, achievementId: credential.achievementId, learnerIds },
      },
    }, ctx, { eventId, jurisdiction: provider.jurisdiction, causationId: event.metadata.eventId });
  }

  /**
   * A later event made the reason moot: the ledger resolves the discrepancy as `superseded`, naming
   * that event. One a person already resolved stays as they resolved it. The id of the event derives
   * from the discrepancy (superseded at most once), so a replay writes nothing new.
   */
  private async supersede(collection: string, m: PendingSupersession): Promise<void> {
    const eventId = supersededEventId(m.discrepancyId);
    const ctx = systemContext(await this.causeAt(m.position), eventId);
    await decideOnStream(this.events, Streams.discrepancy(m.discrepancyId), discrepancyDecider, { type: 'SupersedeDiscrepancy', discrepancyId: m.discrepancyId, reason: m.reason }, ctx, (state) =>
      Promise.resolve({ eventId, jurisdiction: state.raised!.jurisdiction, causationId: ctx.causationId }));
    await this.reads.transaction((tx) => tx.delete(collection, m.discrepancyId));
  }

  /**
   * The provider, not requiring signatures, sent the credential signed with a key it never added or
   * had revoked; the ingest accepted it (as it would unsigned) and noted the key on the event. The id
   * derives from the issue event, so replays raise it once.
   */
  private async raiseUnknownKey(event: RecordedEvent<EventOf<'CredentialIssued'>>): Promise<void> {
    const { credentialId, providerId, achievementId } = event.data;
    const { keyId, verdict } = event.metadata.signature!;
    const provider = await this.reads.get<ProviderView>(Collections.providers, providerId);
    if (!provider) return void this.logger.warn({ credentialId }, 'credential of a provider the read model does not hold; unknown-signing-key not raised');
    const discrepancyId = discrepancyIdFor(event.metadata.eventId, 'unknown-signing-key');
    const eventId = raisedEventId(discrepancyId);
    const ctx = systemContext(event, eventId);
    const why = verdict === 'revoked-key' ? 'a key the provider had revoked' : 'a key id the provider never added';
    await decideOnStream(this.events, Streams.discrepancy(discrepancyId), discrepancyDecider, {
      type: 'RaiseDiscrepancy',
      raised: {
        discrepancyId, kind: 'unknown-signing-key', jurisdiction: provider.jurisdiction,
        details: [`the credential came in a request signed with signing key "${keyId}", ${why}; the provider does not require signed requests, so it was accepted as unsigned and flagged`],
        subject: { credentialId, providerId, achievementId },
      },
    }, ctx, { eventId, jurisdiction: provider.jurisdiction, causationId: event.metadata.eventId });
  }

  private async raise(collection: string, p: PendingDiscrepancy): Promise<void> {
    const eventId = raisedEventId(p.discrepancyId);
    const ctx = systemContext(await this.causeAt(p.position), eventId);
    await decideOnStream(this.events, Streams.discrepancy(p.discrepancyId), discrepancyDecider, {
      type: 'RaiseDiscrepancy',
      raised: {
        discrepancyId: p.discrepancyId, kind: p.kind, jurisdiction: p.jurisdiction, details: p.details,
        subject: p.subject ?? { credentialId: p.credentialId, providerId: p.providerId, achievementId: p.achievementId },
      },
    }, ctx, { eventId, jurisdiction: p.jurisdiction, causationId: ctx.causationId });
    await this.reads.transaction((tx) => tx.delete(collection, p.discrepancyId));
  }

  /** The event at a queued judgement's position: the one that called for it (a credential's issue, a late QA decision). */
  private async causeAt(position: number): Promise<RecordedEvent | undefined> {
    const [event] = await this.events.readAll({ after: position - 1, maxCount: 1 });
    return event?.position === position ? event : undefined;
  }
}

/** The id of the event that raises a discrepancy: one per discrepancy, so it is raised once. */
const raisedEventId = (discrepancyId: string): string => internalEventId('discrepancy-raised', discrepancyId);
/** The id of the event that resolves a discrepancy as superseded: at most once. */
const supersededEventId = (discrepancyId: string): string => internalEventId('discrepancy-superseded', discrepancyId);

/**
 * The ledger acting on an event: the discrepancy names that event as its cause and carries its
 * correlation id on, so the audit trail leads from the discrepancy back to the credential or QA
 * decision that called for it (and from there to the request that brought it in).
 */
function systemContext(cause: RecordedEvent | undefined, fallbackCorrelation: string): RequestContext & { causationId?: string } {
  return {
    actor: { role: 'system', id: 'records-discrepancies' }, channel: 'internal', now: new Date().toISOString(),
    correlationId: cause?.metadata.correlationId ?? fallbackCorrelation,
    ...(cause ? { causationId: cause.metadata.eventId } : {}),
  };
}
