import { ApiProperty } from '@nestjs/swagger';
import { PartnerDeliveries, PartnerScope } from '../events/partner.events';

/** A registered partner, as `GET /v1/partners/{id}` answers it. */
export class PartnerResponse {
  @ApiProperty({ example: 'employer-portal' }) partnerId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: PartnerScope }) scope!: PartnerScope;
  @ApiProperty({ type: PartnerDeliveries }) deliveries!: PartnerDeliveries;
  @ApiProperty({ example: 'feed.employer-portal.v1', description: 'the Kafka topic, when deliveries.kafka' }) topic?: string;
  @ApiProperty({ description: 'log position of the PartnerRegistered event' }) position!: number;
  @ApiProperty() registeredAt!: string;
}

/** One page of a partner's feed: structured-mode CloudEvents 1.0, in feed order. */
export class FeedPageResponse {
  @ApiProperty() partnerId!: string;
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'CloudEvents 1.0 (structured JSON); `sequence` is the place in the feed, `id` is stable across replays' })
  events!: Record<string, unknown>[];
  @ApiProperty({ description: 'pass as `after` for the next page: the last sequence returned, or `after` when none' }) next!: number;
}
