import { Inject, Injectable } from '@nestjs/common';
import { buildMetadata, credentialIdFor, DomainError, ItemError, ItemOutcome, NewEvent, PAYLOAD_CLASSES, ProviderEventItem, RequestContext, Streams, validatePlain } from '@app/contracts';
import { LedgerMetrics } from '@app/platform';
import { AppendRequest, EVENT_STORE, EventIdReusedError, EventStore, fold, FoldedStream, foldStream, isSameRequest, WrongExpectedRevisionError } from '@app/event-store';
import { PersonalDataCipher } from '@app/personal-data';
import { AchievementState, evolveAchievement, initialAchievementState } from '../achievement/achievement.state';
import { CredentialCommand, decideCredential } from '../credential/credential.decider';
import { CredentialState, evolveCredential, initialCredentialState } from '../credential/credential.state';
import { ProviderState } from '../provider/provider.state';
import { HolderDigests } from './holder-digests';
import { toCommand } from './item-command';
import { bySourceEventId, IdentifyItem, ItemIdentity, reusedIdError } from './item-identity';

interface Valid extends ItemIdentity {
  index: number;
  item: ProviderEventItem;
  payload: Record<string, unknown>;
  credentialId: string;
}

interface StreamWork extends FoldedStream<CredentialState> {
  streamId: string;
  pending: NewEvent[];
  /** Batch index of each pending event. */
  owners: number[];
  /** Every event id on the stream or pending, with what a resend must match. */
  known: Map<string, { type: string; requestFingerprint?: string }>;
}

export interface IngestOptions {
  /** How an item's event id and fingerprint are derived; by default from its sourceEventId. */
  identify?: IdentifyItem;
}

const MAX_ATTEMPTS = 3;

/**
 * Judges a batch of provider lifecycle events item by item — validate, dedupe on
 * (providerId, sourceEventId), decide against the credential's stream — and appends all
 * accepted events in one durable write. HTTP and Kafka ingest both come through here.
 */
@Injectable()
export class IngestService {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly holders: HolderDigests,
    private readonly personal: PersonalDataCipher,
    private readonly metrics: LedgerMetrics,
  ) {}

  /**
   * `itemPath` names an item in field errors: `items[3]` for an HTTP batch (the default);
   * empty for a Kafka message, whose value is the item itself.
   */
  async ingest(
    provider: ProviderState & { registered: NonNullable<ProviderState['registered']> },
    items: unknown[],
    ctx: RequestContext,
    itemPath: (index: number) => string = (index) => `items[${index}]`,
    options: IngestOptions = {},
  ): Promise<ItemOutcome[]> {
    const providerId = provider.registered.providerId;
    const identify = options.identify ?? bySourceEventId(this.holders);
    const outcomes: ItemOutcome[] = new Array(items.length);
    const valid: Valid[] = [];
    items.forEach((raw, index) => {
      const v = this.validate(providerId, raw, index, itemPath(index), identify);
      if ('errors' in v) outcomes[index] = v;
      else valid.push(v);
    });
    // First pass: the whole batch in one write. Items whose stream failed as a whole are then
    // retried one per request, so one bad item cannot sink its neighbours.
    let todo = await this.decideAndAppend(provider, valid, ctx, outcomes, false);
    for (let attempt = 2; todo.length > 0; attempt++) {
      const again: Valid[] = [];
      for (const v of todo) again.push(...(await this.decideAndAppend(provider, [v], ctx, outcomes, attempt === MAX_ATTEMPTS)));
      todo = again;
    }
    for (const o of outcomes) this.metrics.ingestOutcomes.inc({ channel: ctx.channel, outcome: o.outcome });
    return outcomes;
  }

  private validate(providerId: string, raw: unknown, index: number, path: string, identify: IdentifyItem): Valid | Extract<ItemOutcome, { outcome: 'rejected' }> {
    const sourceEventId = typeof (raw as ProviderEventItem)?.sourceEventId === 'string' ? (raw as ProviderEventItem).sourceEventId : undefined;
    const envelope = validatePlain(ProviderEventItem, raw, path, { shallow: true });
    if (!envelope.ok) return rejected(index, sourceEventId, envelope.errors.map((e) => ({ code: 'FIELD.INVALID', ...e })));
    const item = envelope.value;
    const payload = validatePlain(PAYLOAD_CLASSES[item.type], item.data, path ? `${path}.data` : 'data');
    if (!payload.ok) return rejected(index, sourceEventId, payload.errors.map((e) => ({ code: 'FIELD.INVALID', ...e })));
    const data = payload.value as Record<string, unknown>;
    return { index, item, payload: data, ...identify(providerId, item, data, path), credentialId: credentialIdFor(providerId, data.credentialRef as string) };
  }

  /** One pass; returns the items to try again because another writer moved their stream. */
  private async decideAndAppend(provider: ProviderState, items: Valid[], ctx: RequestContext, outcomes: ItemOutcome[], last: boolean): Promise<Valid[]> {
    const providerId = provider.registered!.providerId;
    const streams = new Map<string, StreamWork>();
    const achievements = new Map<string, Promise<AchievementState>>();
    const achievement = (id: string) => {
      if (!achievements.has(id)) achievements.set(id, foldStream(this.events, Streams.achievement(id), evolveAchievement, initialAchievementState).then((f) => f.state));
      return achievements.get(id)!;
    };
    const byIndex = new Map(items.map((v) => [v.index, v]));
    const loaded = await this.events.readStreams([...new Set(items.map((v) => Streams.credential(v.credentialId)))]);

    for (const v of items) {
      const streamId = Streams.credential(v.credentialId);
      let work = streams.get(streamId);
      if (!work) {
        const stored = loaded.get(streamId) ?? [];
        const known = new Map(stored.map((e) => [e.metadata.eventId, { type: e.type, requestFingerprint: e.metadata.requestFingerprint }]));
        work = { streamId, pending: [], owners: [], known, ...fold(stored, evolveCredential, initialCredentialState) };
        streams.set(streamId, work);
      }
      const seen = work.known.get(v.eventId);
      if (seen) {
        // "duplicate" promises that this very request was applied; the same id for anything else is a reuse.
        if (isSameRequest(seen, { type: v.item.type, requestFingerprint: v.fingerprint })) {
          outcomes[v.index] = { index: v.index, sourceEventId: v.item.sourceEventId, outcome: 'duplicate', eventId: v.eventId, credentialId: v.credentialId };
        } else {
          outcomes[v.index] = rejected(v.index, v.item.sourceEventId, [reusedIdError(v.field, 'other-request')]);
        }
        continue;
      }
      let decided;
      try {
        const command = await toCommand(v.item.type, v.payload, { providerId, credentialId: v.credentialId, achievement, holders: this.holders, personal: this.personal });
        decided = decideCredential(work.state, command as CredentialCommand);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        outcomes[v.index] = rejected(v.index, v.item.sourceEventId, [{ code: error.code, message: error.message }]);
        continue;
      }
      for (const e of decided) {
        work.state = evolveCredential(work.state, e);
        work.pending.push({
          ...e,
          metadata: buildMetadata(ctx, {
            eventId: v.eventId, jurisdiction: provider.registered!.jurisdiction, sourceEventId: v.item.sourceEventId,
            occurredAt: v.item.occurredAt, correlationId: v.item.correlationId, requestFingerprint: v.fingerprint,
          }),
        });
        work.owners.push(v.index);
      }
      work.known.set(v.eventId, { type: v.item.type, requestFingerprint: v.fingerprint });
    }

    const batch = [...streams.values()].filter((w) => w.pending.length > 0);
    const requests: AppendRequest[] = batch.map((w) => ({ streamId: w.streamId, events: w.pending, expectedRevision: w.revision === -1 ? 'no-stream' : w.revision }));
    const results = await this.events.appendMany(requests);
    const retry: Valid[] = [];
    results.forEach((result, i) => {
      const w = batch[i];
      if (result.ok) {
        w.owners.forEach((index, k) => {
          const v = byIndex.get(index)!;
          outcomes[index] = result.result.duplicate
            ? { index, sourceEventId: v.item.sourceEventId, outcome: 'duplicate', eventId: v.eventId, credentialId: v.credentialId }
            : { index, sourceEventId: v.item.sourceEventId, outcome: 'accepted', eventId: v.eventId, credentialId: v.credentialId, revision: result.result.revisions[k], position: result.result.positions[k] };
        });
        return;
      }
      const owners = [...new Set(w.owners)].map((index) => byIndex.get(index)!);
      if (result.error instanceof WrongExpectedRevisionError && !last) return void retry.push(...owners);
      if (result.error instanceof EventIdReusedError && owners.length > 1 && !last) return void retry.push(...owners);
      for (const v of owners) outcomes[v.index] = rejected(v.index, v.item.sourceEventId, [describeAppendError(result.error, v.field)]);
    });
    return retry;
  }
}

function rejected(index: number, sourceEventId: string | undefined, errors: ItemError[]): Extract<ItemOutcome, { outcome: 'rejected' }> {
  return { index, ...(sourceEventId !== undefined ? { sourceEventId } : {}), outcome: 'rejected', errors };
}

function describeAppendError(error: Error, field: string): ItemError {
  if (error instanceof EventIdReusedError) return reusedIdError(field, error.reason);
  if (error instanceof WrongExpectedRevisionError) return { code: 'CREDENTIAL.CONCURRENT_MODIFICATION', message: 'the credential kept changing under concurrent writers; retry' };
  return { code: 'INTERNAL', message: 'the event could not be stored' };
}
