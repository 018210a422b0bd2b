import { setTimeout as sleep } from 'node:timers/promises';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CloudEvent, Kafka } from 'cloudevents';
import { Topics } from '@app/contracts';
import { BusMessage, MESSAGE_BUS, MessageBus } from '@app/messaging';
import { LEDGER_ENV, LedgerEnv } from '@app/platform';
import { READ_STORE, ReadStore } from '@app/read-store';
import { definedHeaders } from '../relay/ledger-cloud-event';
import { FeedProjections } from './feed-projections.service';
import { readFeed, routedPartners } from './feed-reader';
import { FeedEntry } from './feed-router.projection';

/** Checkpoint of what was published from a partner's feed: the last sequence the broker acknowledged. */
export const feedPublishCheckpoint = (partnerId: string) => `feeds.kafka.${partnerId}`;
const BATCH = 500;

/** A feed entry in the CloudEvents Kafka binding (binary mode: `ce_*` headers, the data as the value), keyed per learner. */
export function toFeedMessage(entry: FeedEntry): BusMessage {
  const { data, ...attributes } = entry.event;
  const message = Kafka.binary(new CloudEvent({ ...attributes, data }, false));
  return { key: entry.key, value: JSON.stringify(message.value), headers: definedHeaders(message.headers) };
}

/**
 * Publishes each Kafka partner's feed to `feed.{partnerId}.v1`, from the entries the router
 * stored, with a checkpoint per partner moved only after the broker has the batch: a crash in
 * between publishes it again (at-least-once; the partner dedupes on `ce_id`), never skips it.
 * A partner whose topic fails is retried later without holding back the others.
 */
@Injectable()
export class FeedKafkaPublisher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(FeedKafkaPublisher.name);
  private readonly stopping = new AbortController();
  private loop?: Promise<void>;

  constructor(
    @Inject(READ_STORE) private readonly reads: ReadStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(LEDGER_ENV) private readonly env: LedgerEnv,
    private readonly feeds: FeedProjections,
  ) {}

  /** Off on the in-process bus: nobody outside the process could read the topics. */
  get enabled(): boolean {
    return this.env.bus !== 'memory';
  }

  onApplicationBootstrap(): void {
    if (this.enabled) this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    const failures = new Map<string, number>();
    while (!this.stopping.signal.aborted) {
      let published = false;
      const seen = this.feeds.position;
      try {
        for (const partner of (await routedPartners(this.reads)).filter((p) => p.kafka)) {
          if (this.stopping.signal.aborted) break;
          try {
            published = (await this.publishNext(partner.partnerId)) || published;
            failures.delete(partner.partnerId);
          } catch (error) {
            if (this.stopping.signal.aborted) break;
            const attempt = (failures.get(partner.partnerId) ?? 0) + 1;
            failures.set(partner.partnerId, attempt);
            this.logger.warn({ err: error, partnerId: partner.partnerId, attempt }, 'feed publish failed; retrying');
          }
        }
      } catch (error) {
        this.logger.warn({ err: error }, 'feed publisher could not read the partners; retrying');
      }
      if (this.stopping.signal.aborted) break;
      if (failures.size > 0) await sleep(Math.min(5000, 200 * 2 ** Math.min(5, Math.max(...failures.values()))), undefined, { signal: this.stopping.signal }).catch(() => undefined);
      else if (!published) await this.feeds.nextBatch(1000, seen);
    }
  }

  /** Publishes the next batch of one partner's feed; true when there was one. */
  private async publishNext(partnerId: string): Promise<boolean> {
    const name = feedPublishCheckpoint(partnerId);
    const after = await this.reads.getCheckpoint(name);
    const entries = await readFeed(this.reads, partnerId, after, BATCH);
    if (entries.length === 0) return false;
    await this.bus.publish(Topics.partnerFeed(partnerId), entries.map(toFeedMessage), { signal: this.stopping.signal });
    await this.reads.transaction((tx) => tx.setCheckpoint(name, entries[entries.length - 1].seq));
    return true;
  }
}
