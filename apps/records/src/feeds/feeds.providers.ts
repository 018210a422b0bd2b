import { FeedKafkaPublisher } from './feed-kafka.publisher';
import { FeedProjections } from './feed-projections.service';
import { PARTNER_HANDLERS } from './partners.handlers';

export { PartnersController } from './partners.controller';

/** Partners and their feeds: registration, the router, the Kafka publisher. */
export const FEED_PROVIDERS = [FeedProjections, FeedKafkaPublisher, ...PARTNER_HANDLERS];
