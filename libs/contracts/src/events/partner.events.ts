import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsObject, IsOptional, IsUrl, Matches, MaxLength, ValidateNested,
} from 'class-validator';
import { IsText } from '../validators/text';
import { JURISDICTION_PATTERN, PROVIDER_ID_PATTERN } from './common';
import { CONSENT_PURPOSES, ConsentPurpose } from './learner-consent.events';

/**
 * What a partner feed can carry, one kind per integration event. Credential kinds are about a
 * learner and need that learner's consent; achievement kinds are public facts of a provider.
 */
export const FEED_EVENT_KINDS = [
  'credential.issued', 'credential.amended', 'credential.suspended', 'credential.reinstated', 'credential.revoked', 'credential.expired',
  'achievement.defined', 'achievement.revised', 'achievement.retired',
] as const;
export type FeedEventKind = (typeof FEED_EVENT_KINDS)[number];

/** What a partner is entitled to: events of these kinds, from these jurisdictions, for these purposes. */
export class PartnerScope {
  @ApiProperty({ example: ['NZ'], description: '1-50 jurisdictions (ISO 3166-1 alpha-2, ISO 3166-2 or EU) whose events the partner receives' })
  @IsArray() @ArrayMinSize(1, { message: 'scope.jurisdictions must name at least one jurisdiction' }) @ArrayMaxSize(50) @ArrayUnique()
  @Matches(JURISDICTION_PATTERN, { each: true, message: 'each jurisdiction must be an ISO 3166-1 alpha-2 or ISO 3166-2 code, or EU' })
  jurisdictions!: string[];
  @ApiProperty({ enum: FEED_EVENT_KINDS, isArray: true, example: ['credential.issued', 'credential.revoked'] })
  @IsArray() @ArrayMinSize(1, { message: 'scope.eventKinds must name at least one kind' }) @ArrayMaxSize(FEED_EVENT_KINDS.length) @ArrayUnique()
  @IsIn(FEED_EVENT_KINDS, { each: true, message: `each event kind must be one of ${FEED_EVENT_KINDS.join(', ')}` })
  eventKinds!: FeedEventKind[];
  @ApiProperty({ enum: CONSENT_PURPOSES, isArray: true, example: ['employment-verification'], description: "a learner's events arrive only under a consent naming one of these" })
  @IsArray() @ArrayMinSize(1, { message: 'scope.purposes must name at least one purpose' }) @ArrayMaxSize(CONSENT_PURPOSES.length) @ArrayUnique()
  @IsIn(CONSENT_PURPOSES, { each: true, message: `each purpose must be one of ${CONSENT_PURPOSES.join(', ')}` })
  purposes!: ConsentPurpose[];
}

export class PartnerWebhook {
  @ApiProperty({ example: 'https://partner.example/ledger-hook', maxLength: 2000 })
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true, require_tld: false }, { message: 'deliveries.webhook.url must be an http(s) URL' }) @MaxLength(2000)
  url!: string;
}

/** How the partner's feed is delivered besides the HTTP long poll, which every partner has. */
export class PartnerDeliveries {
  @ApiProperty({ example: true, description: 'publish the feed to Kafka topic feed.{partnerId}.v1' })
  @IsBoolean({ message: 'deliveries.kafka must be a boolean' }) kafka!: boolean;
  @ApiPropertyOptional({ type: PartnerWebhook }) @IsOptional() @IsObject() @ValidateNested() @Type(() => PartnerWebhook) webhook?: PartnerWebhook;
}

/** An integration partner (stream `partner-{id}`), registered once by an admin. */
export class PartnerRegistered {
  @Matches(PROVIDER_ID_PATTERN) partnerId!: string;
  @IsText({ min: 1, max: 300 }) name!: string;
  @ValidateNested() @Type(() => PartnerScope) scope!: PartnerScope;
  @ValidateNested() @Type(() => PartnerDeliveries) deliveries!: PartnerDeliveries;
}

/** `POST /v1/partners`: the same registration again is a retry; another one under the id is 409. */
export class RegisterPartnerRequest {
  @ApiProperty({ example: 'employer-portal', description: 'lower-case slug, 2-63 characters; names the Kafka topic feed.{partnerId}.v1' })
  @Matches(PROVIDER_ID_PATTERN, { message: 'partnerId must be a lower-case slug of 2-63 letters, digits or dashes' })
  partnerId!: string;
  @ApiProperty({ example: 'Employer Portal Ltd', maxLength: 300 }) @IsText({ min: 1, max: 300 }) name!: string;
  @ApiProperty({ type: PartnerScope }) @IsObject({ message: 'scope must be an object' }) @ValidateNested() @Type(() => PartnerScope) scope!: PartnerScope;
  @ApiProperty({ type: PartnerDeliveries }) @IsObject({ message: 'deliveries must be an object' }) @ValidateNested() @Type(() => PartnerDeliveries) deliveries!: PartnerDeliveries;
}
