import { ReadStore } from '@app/read-store';
import { Webhook } from 'standardwebhooks';
import { readFeed } from '../feed-reader';
import { FeedEntry } from '../feed-router.projection';

export const WEBHOOK_STATUS = 'feeds-webhook-status';
/** Consecutive failed deliveries after which a partner's webhook is disabled (it then waits for an admin). */
export const DISABLE_AFTER = 10;
const BACKOFF = { initialMs: 1000, maxMs: 5 * 60_000 };

/** What a partner sees of its webhook: whether it is live, how far it got, and the last failure. */
export interface WebhookStatus {
  partnerId: string;
  url: string;
  state: 'active' | 'disabled';
  /** The last feed sequence the endpoint acknowledged (2xx). */
  delivered: number;
  consecutiveFailures: number;
  nextAttemptAt?: string;
  lastError?: { at: string; message: string };
  lastDeliveredAt?: string;
}

export interface WebhookTarget {
  partnerId: string;
  url: string;
  secret: string;
}

/**
 * Delivers a partner's feed to its webhook, one entry per request, in feed order: the structured
 * CloudEvent as the body, signed per Standard Webhooks (`webhook-id` = the CloudEvent id, stable
 * across retries, `webhook-timestamp`, `webhook-signature` v1 HMAC-SHA256). An entry counts as
 * delivered only on a 2xx; a failure is retried with exponential backoff, and after DISABLE_AFTER
 * failures in a row the webhook is disabled. Status lives in the read store, beside the feed.
 */
export class WebhookSender {
  constructor(private readonly reads: ReadStore, private readonly timeoutMs = 10_000) {}

  async status(target: Pick<WebhookTarget, 'partnerId' | 'url'>): Promise<WebhookStatus> {
    const stored = await this.reads.get<WebhookStatus>(WEBHOOK_STATUS, target.partnerId);
    // A changed URL is a new endpoint: it starts active from where the feed was delivered.
    if (stored && stored.url === target.url) return stored;
    return { partnerId: target.partnerId, url: target.url, state: 'active', delivered: stored?.delivered ?? 0, consecutiveFailures: 0 };
  }

  /** Sends what is due of one partner's feed (up to `batch` entries); true when it delivered any. */
  async deliverDue(target: WebhookTarget, now = new Date(), batch = 100): Promise<boolean> {
    const status = await this.status(target);
    if (status.state === 'disabled' || (status.nextAttemptAt && Date.parse(status.nextAttemptAt) > now.getTime())) return false;
    const entries = await readFeed(this.reads, target.partnerId, status.delivered, batch);
    let sent = false;
    for (const entry of entries) {
      const failure = await this.post(target, entry, new Date());
      if (failure) {
        await this.save(failed(status, failure, new Date()));
        return sent;
      }
      Object.assign(status, { delivered: entry.seq, consecutiveFailures: 0, lastDeliveredAt: new Date().toISOString() });
      delete status.nextAttemptAt;
      sent = true;
    }
    if (sent) await this.save(status);
    return sent;
  }

  private async post(target: WebhookTarget, entry: FeedEntry, at: Date): Promise<string | undefined> {
    const body = JSON.stringify(entry.event);
    const signature = new Webhook(target.secret).sign(entry.event.id, at, body);
    try {
      const res = await fetch(target.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/cloudevents+json',
          'webhook-id': entry.event.id,
          'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
          'webhook-signature': signature,
        },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
        redirect: 'manual',
      });
      await res.arrayBuffer().catch(() => undefined);
      return res.status >= 200 && res.status < 300 ? undefined : `the endpoint answered ${res.status}`;
    } catch (error) {
      return error instanceof Error ? `${error.name}: ${error.message}` : 'the request failed';
    }
  }

  private save(status: WebhookStatus): Promise<void> {
    return this.reads.transaction((tx) => tx.put(WEBHOOK_STATUS, status.partnerId, status));
  }
}

/** The status after one more failure: backed off, or disabled after DISABLE_AFTER in a row. */
export function failed(status: WebhookStatus, message: string, at: Date): WebhookStatus {
  const consecutiveFailures = status.consecutiveFailures + 1;
  const waitMs = Math.min(BACKOFF.maxMs, BACKOFF.initialMs * 2 ** (consecutiveFailures - 1));
  return {
    ...status,
    consecutiveFailures,
    state: consecutiveFailures >= DISABLE_AFTER ? 'disabled' : 'active',
    nextAttemptAt: new Date(at.getTime() + waitMs).toISOString(),
    lastError: { at: at.toISOString(), message: message.slice(0, 300) },
  };
}
