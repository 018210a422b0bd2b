import { FeedKafkaPublisher } from './feed-kafka.publisher';
import { FeedProjections } from './feed-projections.service';
import { PARTNER_HANDLERS } from './partners.handlers';
import { FeedWebhooks } from './webhooks/feed-webhooks.service';

export { PartnersController } from './partners.controller';

/** Partners and their feeds: registration, the router, the Kafka publisher, the webhooks. */
export const FEED_PROVIDERS = [FeedProjections, FeedKafkaPublisher, FeedWebhooks, ...PARTNER_HANDLERS];
