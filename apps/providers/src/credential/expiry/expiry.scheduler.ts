import { Inject, Injectable, Logger } from '@nestjs/common';
import { internalEventId, Streams } from '@app/contracts';
import { decideOnStream, EVENT_STORE, EventStore } from '@app/event-store';
import { LEDGER_ENV, LedgerEnv } from '@app/platform';
import { HostedProjections, ProjectionRegistry, READ_STORE, ReadStore } from '@app/read-store';
import { decideCredential } from '../credential.decider';
import { evolveCredential, initialCredentialState } from '../credential.state';
import { EXPIRY_SCHEDULE, ExpiryEntry, ExpiryProjection, scheduleId } from './expiry.projection';

/**
 * Emits CredentialExpired when validUntil passes. The schedule is a projection, so it
 * survives restarts; the event id is derived from (credential, validUntil), so two
 * replicas or a retry after a crash write the expiry once.
 */
@Injectable()
export class ExpiryScheduler extends HostedProjections {
  private readonly logger = new Logger(ExpiryScheduler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly reads: ReadStore,
    @Inject(LEDGER_ENV) private readonly env: LedgerEnv,
    registry: ProjectionRegistry,
  ) {
    super('providers.expiry', events, reads, [new ExpiryProjection()], registry);
  }

  override async onApplicationBootstrap(): Promise<void> {
    await super.onApplicationBootstrap();
    this.timer = setInterval(() => {
      this.running ??= this.tick()
        .then(() => undefined)
        .catch((error) => this.logger.warn({ err: error }, 'expiry pass failed; next pass retries'))
        .finally(() => (this.running = undefined));
    }, this.env.expiryIntervalMs);
  }

  override async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
    await super.beforeApplicationShutdown();
  }

  /** One pass: every entry due by now, in due order. */
  async tick(now = new Date()): Promise<number> {
    let expired = 0;
    let afterId: string | undefined;
    for (;;) {
      const page = await this.reads.find<ExpiryEntry>(EXPIRY_SCHEDULE, {}, { limit: 200, afterId });
      const due = page.filter((e) => Date.parse(e.validUntil) <= now.getTime());
      for (const entry of due) expired += await this.expire(entry, now);
      if (due.length < page.length || page.length < 200) return expired;
      afterId = scheduleId(page[page.length - 1]);
    }
  }

  private async expire(entry: ExpiryEntry, now: Date): Promise<number> {
    const ctx = { actor: { role: 'system' as const, id: 'expiry-scheduler' }, channel: 'internal' as const, correlationId: internalEventId('expiry-pass', now.toISOString()), now: now.toISOString() };
    const { events } = await decideOnStream(this.events, Streams.credential(entry.credentialId), credentialAggregate, { type: 'ExpireCredential', ...entry, now: now.toISOString() }, ctx, {
      eventId: internalEventId('expiry', `${entry.credentialId}|${entry.validUntil}`),
      occurredAt: new Date(entry.validUntil).toISOString(),
    });
    return events.length;
  }
}

const credentialAggregate = { initial: initialCredentialState, evolve: evolveCredential, decide: decideCredential };
