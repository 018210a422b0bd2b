import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { LEDGER_ENV, LedgerEnv } from '@app/platform';
import { READ_STORE, ReadStore } from '@app/read-store';
import { FeedProjections } from '../feed-projections.service';
import { routedPartners } from '../feed-reader';
import { webhookSecret } from './webhook-secret';
import { WebhookSender, WebhookStatus } from './webhook-sender';

/** Runs the webhook deliveries of every partner that asked for them, and answers their status. */
@Injectable()
export class FeedWebhooks implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(FeedWebhooks.name);
  private readonly sender: WebhookSender;
  private stopping = false;
  private loop?: Promise<void>;

  constructor(
    @Inject(READ_STORE) private readonly reads: ReadStore,
    @Inject(LEDGER_ENV) private readonly env: LedgerEnv,
    private readonly feeds: FeedProjections,
  ) {
    this.sender = new WebhookSender(reads);
  }

  onApplicationBootstrap(): void {
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.loop;
  }

  /** The partner's webhook status and signing secret, or undefined when it has no webhook. */
  async status(partnerId: string): Promise<(WebhookStatus & { secret: string }) | undefined> {
    const url = (await routedPartners(this.reads)).find((p) => p.partnerId === partnerId)?.webhook;
    if (!url) return undefined;
    return { ...(await this.sender.status({ partnerId, url })), secret: webhookSecret(this.env.dataDir, partnerId) };
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      const seen = this.feeds.position;
      let sent = false;
      try {
        for (const partner of await routedPartners(this.reads)) {
          if (this.stopping) break;
          if (!partner.webhook) continue;
          const target = { partnerId: partner.partnerId, url: partner.webhook, secret: webhookSecret(this.env.dataDir, partner.partnerId) };
          sent = (await this.sender.deliverDue(target)) || sent;
        }
      } catch (error) {
        this.logger.warn({ err: error }, 'webhook deliveries failed; retrying');
      }
      // Backed-off partners are looked at again within a second; new entries wake the loop at once.
      if (!sent && !this.stopping) await this.feeds.nextBatch(1000, seen);
    }
  }
}
