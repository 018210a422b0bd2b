import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { VerifiedNormalisedResponse } from './records.responses';
import { StandingAtIssueWire } from './discrepancies.responses';
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

/** `POST /v1/partners`: the partner, and where its registration stands in the log. */
export class PartnerWrittenResponse {
  @ApiProperty({ example: 'employer-portal' }) partnerId!: string;
  @ApiProperty({ description: 'log position of the PartnerRegistered event' }) position!: number;
}

/** What a feed event says: of a credential (about a learner) or of an achievement. Nothing personal beyond the pseudonymous learnerId. */
export class FeedEventDataResponse {
  @ApiPropertyOptional({ format: 'uuid', description: 'credential events' }) credentialId?: string;
  @ApiProperty({ example: 'uni-aotearoa' }) providerId!: string;
  @ApiProperty({ format: 'uuid' }) achievementId!: string;
  @ApiPropertyOptional({ description: 'credential events: the achievement title at issue' }) achievementTitle?: string;
  @ApiPropertyOptional({ description: 'achievement events' }) title?: string;
  @ApiPropertyOptional({ enum: ['issued', 'suspended', 'revoked', 'expired'] }) status?: string;
  @ApiPropertyOptional() issuedAt?: string;
  @ApiPropertyOptional() validUntil?: string;
  @ApiProperty({ example: 'NZ' }) jurisdiction!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'the learner (pseudonymous); absent from every entry once the learner is erased' }) learnerId?: string;
  @ApiPropertyOptional({ description: 'achievement events: the achievement was retired' }) retired?: boolean;
  @ApiPropertyOptional({ type: VerifiedNormalisedResponse }) normalised?: VerifiedNormalisedResponse;
  @ApiPropertyOptional({ type: StandingAtIssueWire, description: 'standing at issue as records had judged it when the event was routed' }) standing?: StandingAtIssueWire;
}

/** One integration event of a feed: a CloudEvent 1.0 in structured JSON. */
export class FeedCloudEventResponse {
  @ApiProperty({ enum: ['1.0'] }) specversion!: '1.0';
  @ApiProperty({ description: 'stable across replays (derived from the ledger event and the partner): dedupe on it' }) id!: string;
  @ApiProperty({ example: '/credential-ledger/feeds/employer-portal' }) source!: string;
  @ApiProperty({ example: 'credential-ledger.feed.credential.issued.v1' }) type!: string;
  @ApiProperty({ example: 'credential/34f0fa4c-cc3f-5ebc-9cd4-7254deb2d1f5' }) subject!: string;
  @ApiProperty({ description: 'when the ledger recorded the event it came from' }) time!: string;
  @ApiProperty({ enum: ['application/json'] }) datacontenttype!: string;
  @ApiProperty({ example: '1', description: 'the place in this partner\'s feed (CloudEvents sequence extension)' }) sequence!: string;
  @ApiProperty({ example: '19', description: 'log position of the ledger event it came from' }) ledgerposition!: string;
  @ApiProperty({ type: FeedEventDataResponse }) data!: FeedEventDataResponse;
}

/** One page of a partner's feed: structured-mode CloudEvents 1.0, in feed order. */
export class FeedPageResponse {
  @ApiProperty() partnerId!: string;
  @ApiProperty({ type: [FeedCloudEventResponse], description: 'in feed order; the same feed from the start always holds the same entries' })
  events!: FeedCloudEventResponse[];
  @ApiProperty({ description: 'pass as `after` for the next page: the last sequence returned, or `after` when none' }) next!: number;
}

export class WebhookErrorResponse {
  @ApiProperty() at!: string;
  @ApiProperty({ example: 'the endpoint answered 503' }) message!: string;
}

/** `GET /v1/partners/{id}/webhook`: the partner's webhook deliveries. */
export class PartnerWebhookStatusResponse {
  @ApiProperty() partnerId!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ enum: ['active', 'disabled'] }) state!: 'active' | 'disabled';
  @ApiProperty({ description: 'the last feed sequence the endpoint acknowledged with a 2xx' }) delivered!: number;
  @ApiProperty() consecutiveFailures!: number;
  @ApiPropertyOptional({ description: 'while backing off: when the next attempt is due' }) nextAttemptAt?: string;
  @ApiPropertyOptional({ type: WebhookErrorResponse }) lastError?: WebhookErrorResponse;
  @ApiPropertyOptional() lastDeliveredAt?: string;
  @ApiProperty({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', description: 'Standard Webhooks signing secret (HMAC-SHA256, v1 signatures)' }) secret!: string;
}
