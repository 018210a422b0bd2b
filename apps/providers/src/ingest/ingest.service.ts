import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { buildMetadata, credentialIdFor, DomainError, EvidenceLink, ItemError, ItemOutcome, NewEvent, ProviderEventItem, RequestContext, Streams } from '@app/contracts';
import { LedgerMetrics } from '@app/platform';
import {
  decideOnStreams, EVENT_STORE, EventIdReusedError, EventStore, foldStream, isSameRequest, StreamInBatch, WrongExpectedRevisionError,
} from '@app/event-store';
import { leafOverflow, MAX_LEAF_BYTES } from '@app/ledger-crypto';
import { PersonalDataCipher } from '@app/personal-data';
import { AchievementState, evolveAchievement, initialAchievementState } from '../achievement/achievement.state';
import { decideCredential } from '../credential/credential.decider';
import { CredentialState, evolveCredential, initialCredentialState } from '../credential/credential.state';
import { ProviderState } from '../provider/provider.state';
import { HolderDigests } from './holder-digests';
import { toCommand } from './item-command';
import { surelyFits } from './leaf-bound';
import { compileItemValidation, validateItem } from './item-validation';
import { bySourceEventId, IdentifyItem, ItemIdentity, reusedIdError } from './item-identity';

export type RegisteredProvider = ProviderState & { registered: NonNullable<ProviderState['registered']> };

/** Every event id on a stream or pending in the batch, with what a resend must match. */
type KnownIds = Map<string, { type: string; requestFingerprint?: string }>;

interface Valid extends ItemIdentity {
  index: number;
  item: ProviderEventItem;
  /** The validated payload, of the shape of its type's payload class. */
  payload: object;
  credentialId: string;
  /** The signed submission this item came in, when it is not the batch's own (a Kafka message signs itself). */
  evidence?: EvidenceLink;
}

export interface IngestOptions {
  /** How an item's event id and fingerprint are derived; by default from its sourceEventId. */
  identify?: IdentifyItem;
  /** The signed submission each item came in, linked from its events (Kafka: one per message); else the context's. */
  evidenceOf?: (index: number) => EvidenceLink | undefined;
}

const MAX_ATTEMPTS = 3;

/**
 * Judges a batch of provider lifecycle events item by item — validate, dedupe on
 * (providerId, sourceEventId), decide against the credential's stream — and appends all
 * accepted events in one durable write. HTTP and Kafka ingest both come through here.
 */
@Injectable()
export class IngestService implements OnModuleInit {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly holders: HolderDigests,
    private readonly personal: PersonalDataCipher,
    private readonly metrics: LedgerMetrics,
  ) {}

  /** The schemas are generated and compiled at boot, not on the first batch (~0.1 s). */
  onModuleInit(): void {
    compileItemValidation();
  }

  /**
   * `itemPath` names an item in field errors: `items[3]` for an HTTP batch (the default);
   * empty for a Kafka message, whose value is the item itself.
   */
  async ingest(
    provider: RegisteredProvider,
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
      const evidence = options.evidenceOf?.(index);
      if ('errors' in v) outcomes[index] = v;
      else valid.push(evidence ? { ...v, evidence } : v);
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
    const checked = validateItem(raw, path);
    if (!checked.ok) {
      const sourceEventId = typeof (raw as ProviderEventItem)?.sourceEventId === 'string' ? (raw as ProviderEventItem).sourceEventId : undefined;
      return rejected(index, sourceEventId, checked.errors);
    }
    const { item, payload } = checked;
    const data = payload as Record<string, unknown>;
    return { index, item, payload, ...identify(providerId, item, data, path), credentialId: credentialIdFor(providerId, data.credentialRef as string) };
  }

  /** One pass; returns the items to try again because another writer moved their stream. */
  private async decideAndAppend(provider: RegisteredProvider, items: Valid[], ctx: RequestContext, outcomes: ItemOutcome[], last: boolean): Promise<Valid[]> {
    const achievements = new Map<string, Promise<AchievementState>>();
    const achievement = (id: string) => {
      if (!achievements.has(id)) achievements.set(id, foldStream(this.events, Streams.achievement(id), evolveAchievement, initialAchievementState).then((f) => f.state));
      return achievements.get(id)!;
    };
    const byIndex = new Map(items.map((v) => [v.index, v]));
    const owners = new Map<string, number[]>();
    const known = new Map<string, KnownIds>();
    const appended = await decideOnStreams(this.events, items.map((v) => Streams.credential(v.credentialId)), credentialAggregate, async (streams) => {
      for (const v of items) {
        const stream = streams.get(Streams.credential(v.credentialId))!;
        if (!owners.has(stream.streamId)) {
          owners.set(stream.streamId, []);
          known.set(stream.streamId, new Map(stream.stored.map((e) => [e.metadata.eventId, { type: e.type, requestFingerprint: e.metadata.requestFingerprint }])));
        }
        const decided = await this.judge(provider, v, stream, known.get(stream.streamId)!, achievement, ctx);
        if (decided.outcome === 'decided') owners.get(stream.streamId)!.push(...decided.events.map(() => v.index));
        else outcomes[v.index] = decided;
      }
    });

    const retry: Valid[] = [];
    for (const { stream, outcome } of appended) {
      const owned = owners.get(stream.streamId)!;
      if (outcome.ok) {
        owned.forEach((index, k) => {
          const v = byIndex.get(index)!;
          const ids = { index, sourceEventId: v.item.sourceEventId, eventId: v.eventId, credentialId: v.credentialId };
          outcomes[index] = outcome.result.duplicate
            ? { ...ids, outcome: 'duplicate' }
            : { ...ids, outcome: 'accepted', revision: outcome.result.revisions[k], position: outcome.result.positions[k] };
        });
        continue;
      }
      const those = [...new Set(owned)].map((index) => byIndex.get(index)!);
      if (outcome.error instanceof WrongExpectedRevisionError && !last) retry.push(...those);
      else if (outcome.error instanceof EventIdReusedError && those.length > 1 && !last) retry.push(...those);
      else for (const v of those) outcomes[v.index] = rejected(v.index, v.item.sourceEventId, [describeAppendError(outcome.error, v.field)]);
    }
    return retry;
  }

  /**
   * One item against its stream as the batch left it so far: a duplicate, a refusal, or the
   * events it adds (folded into the stream's state so later items of the batch see them).
   */
  private async judge(
    provider: RegisteredProvider, v: Valid, stream: StreamInBatch<CredentialState>, known: KnownIds, achievement: (id: string) => Promise<AchievementState>, ctx: RequestContext,
  ): Promise<Exclude<ItemOutcome, { outcome: 'accepted' }> | { outcome: 'decided'; events: NewEvent[] }> {
    const seen = known.get(v.eventId);
    if (seen) {
      // "duplicate" promises that this very request was applied; the same id for anything else is a reuse.
      return isSameRequest(seen, { type: v.item.type, requestFingerprint: v.fingerprint })
        ? { index: v.index, sourceEventId: v.item.sourceEventId, outcome: 'duplicate', eventId: v.eventId, credentialId: v.credentialId }
        : rejected(v.index, v.item.sourceEventId, [reusedIdError(v.field, 'other-request')]);
    }
    let decided;
    try {
      const { command, holderPersonal } = await toCommand(v.item.type, v.payload, { providerId: provider.registered.providerId, credentialId: v.credentialId, achievement, holders: this.holders });
      decided = decideCredential(stream.state, command);
      // Too large before the personal data is even sealed: refused before a learner key is made for it.
      const early = this.tooLarge(v, stream.streamId, decided.map((e) => ({ ...e, metadata: {} })));
      if (early) return early;
      // Accepted on digests alone: only now is the learner's key created, and the decision taken again with the sealed data.
      if (holderPersonal && command.type === 'IssueCredential') {
        decided = decideCredential(stream.state, { ...command, personal: await this.personal.encrypt(command.identifierDigests[0], holderPersonal) });
      }
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return rejected(v.index, v.item.sourceEventId, [{ code: error.code, message: error.message }]);
    }
    const events = decided.map((e) => ({
      ...e,
      metadata: buildMetadata(v.evidence ? { ...ctx, evidence: v.evidence } : ctx, {
        eventId: v.eventId, jurisdiction: provider.registered.jurisdiction, sourceEventId: v.item.sourceEventId,
        occurredAt: v.item.occurredAt, correlationId: v.item.correlationId, requestFingerprint: v.fingerprint,
      }),
    }));
    const tooLarge = this.tooLarge(v, stream.streamId, events);
    if (tooLarge) return tooLarge;
    for (const e of events) stream.state = evolveCredential(stream.state, e);
    stream.pending.push(...events);
    known.set(v.eventId, { type: v.item.type, requestFingerprint: v.fingerprint });
    return { outcome: 'decided', events };
  }

  /** An item whose event would not fit a leaf of the verifiable log (65,535 bytes), rejected naming its heaviest data field. */
  private tooLarge(v: Valid, streamId: string, events: { type: string; data: unknown; metadata: object }[]): Extract<ItemOutcome, { outcome: 'rejected' }> | undefined {
    const over = events.map((e) => (surelyFits(streamId, e) ? undefined : leafOverflow({ streamId, type: e.type, data: e.data, metadata: e.metadata }))).find((o) => o !== undefined);
    if (!over) return undefined;
    const prefix = v.field.endsWith('sourceEventId') ? v.field.slice(0, -'sourceEventId'.length) : '';
    const field = `${prefix}data${over.field ? `.${over.field}` : ''}`;
    return rejected(v.index, v.item.sourceEventId, [{ code: 'FIELD.INVALID', field, message: `the event would take ${over.bytes} bytes in the verifiable log, over its ${MAX_LEAF_BYTES}-byte limit: shorten ${field}` }]);
  }
}

const credentialAggregate = { initial: initialCredentialState, evolve: evolveCredential };

function rejected(index: number, sourceEventId: string | undefined, errors: ItemError[]): Extract<ItemOutcome, { outcome: 'rejected' }> {
  return { index, ...(sourceEventId !== undefined ? { sourceEventId } : {}), outcome: 'rejected', errors };
}

function describeAppendError(error: Error, field: string): ItemError {
  if (error instanceof EventIdReusedError) return reusedIdError(field, error.reason);
  if (error instanceof WrongExpectedRevisionError) return { code: 'CREDENTIAL.CONCURRENT_MODIFICATION', message: 'the credential kept changing under concurrent writers; retry' };
  return { code: 'INTERNAL', message: 'the event could not be stored' };
}
