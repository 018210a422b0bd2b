import { randomUUID } from 'node:crypto';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { actorOf, ApiKeyService, ForbiddenError, Principal } from '@app/auth';
import { ItemOutcome, LedgerError, NotFoundError, PROVIDER_ID_PATTERN, Topics } from '@app/contracts';
import { BusSubscription, ConsumedMessage, describeError, isRetriableError, MESSAGE_BUS, MessageBus } from '@app/messaging';
import { BatchOutcome, IngestBatchCommand } from './ingest-batch/ingest-batch.command';
import { MAX_MESSAGE_DEPTH, MAX_MESSAGE_LENGTH, nestsDeeperThan } from './kafka-message-guard';
import { signatureOfMessage } from '../signed-requests';

export const INGEST_GROUP = 'credential-ledger.provider-ingest';

/** The outcome message for one consumed message; `partition`/`offset` say which. */
export type KafkaOutcome = (Omit<ItemOutcome, 'index'> | { outcome: 'rejected'; errors: { code: string; message: string; field?: string }[] }) & {
  providerId?: string;
  sourceEventId?: string;
  partition: number;
  offset: string;
};

type Authenticate = (bearer: string) => Promise<Principal | undefined>;

type OutcomeError = { code: string; message: string; field?: string };

interface Parsed {
  message: ConsumedMessage;
  sourceEventId?: string;
  providerId: string;
  item: Record<string, unknown>;
  principal: Principal;
  correlationId: string;
}

/**
 * Kafka ingest: lifecycle events on `provider.events.v1` (value = one batch item plus its
 * providerId, header `authorization: Bearer <key>`) take exactly the HTTP path: each run
 * of messages becomes the IngestBatchCommand an HTTP batch becomes; every message gets its outcome on `provider.events.outcomes.v1`.
 *
 * No message may block its partition: one that cannot be read, or whose handling throws
 * anything but a retriable error (storage or broker unavailable, which retries the batch),
 * is answered as rejected with the error's code and committed. Should the batch still
 * fail for good, the bus isolates the message and parks it on `provider.events.dlq.v1`.
 */
@Injectable()
export class KafkaIngestConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(KafkaIngestConsumer.name);
  private subscription?: BusSubscription;

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly commands: CommandBus,
    private readonly keys: ApiKeyService,
  ) {}

  /** Consumes in the background: after a crash the group can take a session timeout to rejoin, and HTTP must not wait for it. */
  onApplicationBootstrap(): void {
    this.subscription = this.bus.consume(
      { topic: Topics.providerEvents, groupId: INGEST_GROUP, deadLetterTopic: Topics.providerEventsDeadLetter },
      (batch, signal) => this.handle(batch, signal),
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
  }

  /** Judges one delivered batch; resolves only when every outcome is published (then offsets commit). */
  async handle(messages: ConsumedMessage[], signal?: AbortSignal): Promise<void> {
    const outcomes: KafkaOutcome[] = [];
    const parsed: Parsed[] = [];
    // A batch carries the same few keys over and over: each is verified once per batch, not once per message.
    const principals = new Map<string, Promise<Principal | undefined>>();
    const authenticate = (bearer: string) => {
      let principal = principals.get(bearer);
      if (!principal) principals.set(bearer, (principal = this.keys.authenticate(bearer)));
      return principal;
    };
    for (const message of messages) {
      const result = await this.parseGuarded(message, authenticate);
      if ('message' in result) parsed.push(result);
      else outcomes.push(result);
    }
    // Consecutive messages of one provider under one key go through together; order within a key is kept.
    for (let start = 0; start < parsed.length; ) {
      let end = start + 1;
      while (end < parsed.length && parsed[end].providerId === parsed[start].providerId && parsed[end].principal.keyId === parsed[start].principal.keyId) end++;
      outcomes.push(...(await this.ingestGuarded(parsed.slice(start, end))));
      start = end;
    }
    const keys = new Map(messages.map((m) => [`${m.partition}:${m.offset}`, m.key]));
    await this.bus.publish(
      Topics.providerEventOutcomes,
      outcomes.map((o) => ({ key: keys.get(`${o.partition}:${o.offset}`) ?? '', value: JSON.stringify(o) })),
      { signal },
    );
  }

  /** A run that throws is ingested again one message at a time, so that only the message at fault is rejected. */
  private async ingestGuarded(run: Parsed[]): Promise<KafkaOutcome[]> {
    try {
      return await this.ingestRun(run);
    } catch (error) {
      if (run.length === 1) return [this.unprocessable(run[0].message, error, run[0].providerId, run[0].sourceEventId)];
      if (isRetriableError(error)) throw error;
      const outcomes: KafkaOutcome[] = [];
      for (const p of run) outcomes.push(...(await this.ingestGuarded([p])));
      return outcomes;
    }
  }

  private async parseGuarded(message: ConsumedMessage, authenticate: Authenticate): Promise<Parsed | KafkaOutcome> {
    try {
      return await this.parse(message, authenticate);
    } catch (error) {
      return this.unprocessable(message, error);
    }
  }

  /**
   * The answer to one message whose handling threw: rejected with the error's code, or,
   * for a retriable error (storage or broker unavailable), a throw that retries the batch.
   * Details of an unexpected error go to the log, not to the sender.
   */
  private unprocessable(message: ConsumedMessage, error: unknown, providerId?: string, sourceEventId?: string): KafkaOutcome {
    if (isRetriableError(error)) throw error;
    const { code, message: reason } = describeError(error);
    this.logger.error({ partition: message.partition, offset: message.offset, code, reason }, 'a Kafka ingest message could not be processed; answered as rejected');
    const answer: OutcomeError = error instanceof LedgerError ? { code, message: reason } : { code: 'MESSAGE.UNPROCESSABLE', message: 'the ledger could not process this message' };
    return reject(message, [answer], providerId, sourceEventId);
  }

  /** A run is one IngestBatchCommand, the one HTTP sends: the handler checks scope, provider and each message's signature. */
  private async ingestRun(run: Parsed[]): Promise<KafkaOutcome[]> {
    const { providerId, principal } = run[0];
    // One correlation id per run keeps the batch together in the audit trail.
    const ctx = { actor: actorOf(principal), channel: 'kafka' as const, correlationId: run[0].correlationId, now: new Date().toISOString() };
    // On Kafka each message is its own batch: it carries its own signature over its value.
    const signatures = run.map(({ message: { headers = {}, value } }) => signatureOfMessage(headers, value));
    let outcome: BatchOutcome;
    try {
      outcome = await this.commands.execute(new IngestBatchCommand(providerId, run.map((p) => p.item), principal, ctx, signatures, () => ''));
    } catch (error) {
      if (!(error instanceof ForbiddenError || error instanceof NotFoundError)) throw error;
      return run.map((p) => reject(p.message, [{ code: error.code, message: error.message }], providerId));
    }
    return outcome.results.map(({ index, ...rest }) => ({ ...rest, providerId, partition: run[index].message.partition, offset: run[index].message.offset }));
  }

  private async parse(message: ConsumedMessage, authenticate: Authenticate): Promise<Parsed | KafkaOutcome> {
    // Bounded before anything walks the value recursively (validation would overflow the stack).
    if (message.value.length > MAX_MESSAGE_LENGTH) {
      return reject(message, [{ code: 'MESSAGE.TOO_LARGE', message: `the message value is longer than ${MAX_MESSAGE_LENGTH} characters`, field: '(value)' }]);
    }
    if (nestsDeeperThan(message.value, MAX_MESSAGE_DEPTH)) {
      return reject(message, [{ code: 'MESSAGE.TOO_DEEP', message: `the message value nests arrays or objects deeper than ${MAX_MESSAGE_DEPTH} levels`, field: '(value)' }]);
    }
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
    const principal = bearer ? await authenticate(bearer) : undefined;
    if (!principal) return reject(message, [{ code: 'AUTH.UNAUTHENTICATED', message: 'header authorization: Bearer <key> with a valid API key is required' }], providerId);
    const header = message.headers?.['correlation-id'];
    const sourceEventId = typeof item.sourceEventId === 'string' ? item.sourceEventId.slice(0, 200) : undefined;
    return { message, sourceEventId, providerId, item, principal, correlationId: header && header.length <= 100 ? header : randomUUID() };
  }
}

function reject(message: ConsumedMessage, errors: OutcomeError[], knownProviderId?: string, knownSourceEventId?: string): KafkaOutcome {
  let providerId = knownProviderId;
  let sourceEventId = knownSourceEventId;
  // Echoes the ids the sender needs to match the answer. JSON.parse does not recurse, so
  // even a value too deep to validate is safe to read here; an oversized one is not read.
  if ((providerId === undefined || sourceEventId === undefined) && message.value.length <= MAX_MESSAGE_LENGTH) {
    try {
      const v = JSON.parse(message.value) as { providerId?: unknown; sourceEventId?: unknown };
      if (typeof v?.sourceEventId === 'string') sourceEventId ??= v.sourceEventId.slice(0, 200);
      if (typeof v?.providerId === 'string' && PROVIDER_ID_PATTERN.test(v.providerId)) providerId ??= v.providerId;
    } catch {
      // unreadable value: no ids to echo
    }
  }
  return { outcome: 'rejected', errors, ...(providerId ? { providerId } : {}), ...(sourceEventId ? { sourceEventId } : {}), partition: message.partition, offset: message.offset };
}
