import { randomUUID } from 'node:crypto';
import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { actorOf, ApiKeyService, bodyDigest, mayActForProvider } from '@app/auth';
import { ItemOutcome, PROVIDER_ID_PATTERN, Streams, Topics } from '@app/contracts';
import { EVENT_STORE, EventStore, foldStream } from '@app/event-store';
import { BusSubscription, ConsumedMessage, MESSAGE_BUS, MessageBus } from '@app/messaging';
import { evolveProvider, initialProviderState } from '../provider/provider.state';
import { IngestService } from './ingest.service';
import { checkSignature, SIGNATURE_HEADER, SIGNATURE_KEY_HEADER, SignatureError } from './signature-check';

export const INGEST_GROUP = 'credential-ledger.provider-ingest';

/** The outcome message for one consumed message; `partition`/`offset` say which. */
export type KafkaOutcome = (Omit<ItemOutcome, 'index'> | { outcome: 'rejected'; errors: { code: string; message: string; field?: string }[] }) & {
  providerId?: string;
  sourceEventId?: string;
  partition: number;
  offset: string;
};

interface Parsed {
  message: ConsumedMessage;
  providerId: string;
  item: Record<string, unknown>;
  actor: ReturnType<typeof actorOf>;
  correlationId: string;
}

/**
 * Kafka ingest: lifecycle events on `provider.events.v1` (value = one batch item plus its
 * providerId, header `authorization: Bearer <key>`) take exactly the HTTP path through
 * IngestService; every message gets its outcome on `provider.events.outcomes.v1`. A message
 * that cannot be read is answered as rejected and committed: it never blocks the partition.
 */
@Injectable()
export class KafkaIngestConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private subscription?: BusSubscription;

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly ingest: IngestService,
    private readonly keys: ApiKeyService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.subscription = await this.bus.subscribe({ topic: Topics.providerEvents, groupId: INGEST_GROUP }, (batch) => this.handle(batch));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
  }

  /** Judges one delivered batch; resolves only when every outcome is published (then offsets commit). */
  async handle(messages: ConsumedMessage[]): Promise<void> {
    const outcomes: KafkaOutcome[] = [];
    const parsed: Parsed[] = [];
    for (const message of messages) {
      const result = await this.parse(message);
      if ('message' in result) parsed.push(result);
      else outcomes.push(result);
    }
    // Consecutive messages of one provider go through together; order within a key is kept.
    for (let start = 0; start < parsed.length; ) {
      let end = start + 1;
      while (end < parsed.length && parsed[end].providerId === parsed[start].providerId) end++;
      outcomes.push(...(await this.ingestRun(parsed.slice(start, end))));
      start = end;
    }
    await this.bus.publish(
      Topics.providerEventOutcomes,
      outcomes.map((o) => ({ key: messages.find((m) => m.offset === o.offset && m.partition === o.partition)?.key ?? '', value: JSON.stringify(o) })),
    );
  }

  private async ingestRun(run: Parsed[]): Promise<KafkaOutcome[]> {
    const { providerId } = run[0];
    const provider = await foldStream(this.events, Streams.provider(providerId), evolveProvider, initialProviderState);
    const registered = provider.state.registered;
    if (!registered) return run.map((p) => reject(p.message, [{ code: 'PROVIDER.NOT_FOUND', message: 'provider not found' }], providerId));
    // On Kafka each message is its own batch: it carries its own signature over its value.
    const outcomes: KafkaOutcome[] = [];
    const signed = run.filter((p) => {
      try {
        const h = p.message.headers ?? {};
        checkSignature(provider.state, { keyId: h[SIGNATURE_KEY_HEADER], signature: h[SIGNATURE_HEADER], digest: bodyDigest(p.message.value) });
        return true;
      } catch (error) {
        if (!(error instanceof SignatureError)) throw error;
        outcomes.push(reject(p.message, [{ code: error.code, message: error.message }], providerId));
        return false;
      }
    });
    if (signed.length === 0) return outcomes;
    // One correlation id per run keeps the batch together in the audit trail.
    const ctx = { actor: signed[0].actor, channel: 'kafka' as const, correlationId: signed[0].correlationId, now: new Date().toISOString() };
    const results = await this.ingest.ingest({ registered }, signed.map((p) => p.item), ctx, () => '');
    outcomes.push(...results.map(({ index, ...rest }) => ({ ...rest, providerId, partition: signed[index].message.partition, offset: signed[index].message.offset })));
    return outcomes;
  }

  private async parse(message: ConsumedMessage): Promise<Parsed | KafkaOutcome> {
    let body: unknown;
    try {
      body = JSON.parse(message.value);
    } catch {
      return reject(message, [{ code: 'MESSAGE.MALFORMED_JSON', message: 'the message value is not valid JSON', field: '(value)' }]);
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) return reject(message, [{ code: 'MESSAGE.INVALID', message: 'the message value must be a JSON object', field: '(value)' }]);
    const { providerId, ...item } = body as Record<string, unknown>;
    if (typeof providerId !== 'string' || !PROVIDER_ID_PATTERN.test(providerId)) {
      return reject(message, [{ code: 'FIELD.INVALID', field: 'providerId', message: 'providerId must be a lower-case slug of 2-63 letters, digits or dashes' }]);
    }
    const bearer = /^Bearer\s+(\S+)$/i.exec(message.headers?.authorization ?? '')?.[1];
    const principal = bearer ? await this.keys.authenticate(bearer) : undefined;
    if (!principal) return reject(message, [{ code: 'AUTH.UNAUTHENTICATED', message: 'header authorization: Bearer <key> with a valid API key is required' }], providerId);
    if (!mayActForProvider(principal, providerId)) return reject(message, [{ code: 'AUTH.FORBIDDEN', message: 'this API key is not allowed to do that' }], providerId);
    const header = message.headers?.['correlation-id'];
    return { message, providerId, item, actor: actorOf(principal), correlationId: header && header.length <= 100 ? header : randomUUID() };
  }
}

function reject(message: ConsumedMessage, errors: { code: string; message: string; field?: string }[], providerId?: string): KafkaOutcome {
  let sourceEventId: string | undefined;
  try {
    const v = JSON.parse(message.value) as { sourceEventId?: unknown };
    if (typeof v?.sourceEventId === 'string') sourceEventId = v.sourceEventId.slice(0, 200);
  } catch {
    // unreadable value: no source id to echo
  }
  return { outcome: 'rejected', errors, ...(providerId ? { providerId } : {}), ...(sourceEventId ? { sourceEventId } : {}), partition: message.partition, offset: message.offset };
}
