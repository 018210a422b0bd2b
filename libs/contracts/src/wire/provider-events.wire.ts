import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength,
  ValidateNested,
} from 'class-validator';
import { ISO_INSTANT } from '../events/common';

export const MAX_BATCH_ITEMS = 1000;

/** Lifecycle event types a provider may send, each with its payload class below. */
export const PROVIDER_EVENT_TYPES = ['CredentialIssued', 'CredentialAmended', 'CredentialSuspended', 'CredentialReinstated', 'CredentialRevoked'] as const;
export type ProviderEventType = (typeof PROVIDER_EVENT_TYPES)[number];

export class HolderIdentifier {
  @ApiProperty({ example: 'NZ-NSN' }) @Matches(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/) scheme!: string;
  @ApiProperty({ example: '123456789', description: 'stored only as an HMAC digest' })
  @IsString() @MinLength(1) @MaxLength(200) value!: string;
}

export class HolderInput {
  @ApiProperty({ type: [HolderIdentifier] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => HolderIdentifier)
  identifiers!: HolderIdentifier[];

  @ApiPropertyOptional({ example: 'Aroha Ngata', description: 'encrypted under the learner key; never stored in clear' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(300)
  name?: string;

  @ApiPropertyOptional({ example: '1999-04-12', description: 'encrypted under the learner key; never stored in clear' })
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'birthDate must be a date, YYYY-MM-DD' })
  birthDate?: string;
}

class CredentialRefPayload {
  @ApiProperty({ description: "the provider's own id of the credential", example: 'CERT-2026-0001' })
  @IsString() @MinLength(1) @MaxLength(200) credentialRef!: string;
}

export class CredentialIssuedPayload extends CredentialRefPayload {
  @ApiProperty({ format: 'uuid' }) @IsUUID() achievementId!: string;
  @ApiProperty({ type: HolderInput }) @ValidateNested() @Type(() => HolderInput) holder!: HolderInput;
  @ApiProperty({ example: '2026-03-01T00:00:00Z' }) @Matches(ISO_INSTANT, { message: 'issuedAt must be an ISO 8601 instant' }) issuedAt!: string;
  @ApiPropertyOptional() @IsOptional() @Matches(ISO_INSTANT, { message: 'validUntil must be an ISO 8601 instant' }) validUntil?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) grade?: string;
}

export class CredentialReasonPayload extends CredentialRefPayload {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(1000) reason!: string;
}

export class CredentialReinstatedPayload extends CredentialRefPayload {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) reason?: string;
}

export class CredentialChangesInput {
  @ApiPropertyOptional({ description: 'new end of validity (ISO 8601)' })
  @IsOptional() @Matches(ISO_INSTANT, { message: 'validUntil must be an ISO 8601 instant' }) validUntil?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) grade?: string;
}

export class CredentialAmendedPayload extends CredentialReasonPayload {
  @ApiProperty({ type: CredentialChangesInput }) @ValidateNested() @Type(() => CredentialChangesInput) changes!: CredentialChangesInput;
}

export const PAYLOAD_CLASSES: Record<ProviderEventType, new () => object> = {
  CredentialIssued: CredentialIssuedPayload,
  CredentialAmended: CredentialAmendedPayload,
  CredentialSuspended: CredentialReasonPayload,
  CredentialReinstated: CredentialReinstatedPayload,
  CredentialRevoked: CredentialReasonPayload,
};

/** One item of a batch; `data` is validated against the class of its `type`. */
export class ProviderEventItem {
  @ApiProperty({ description: "the provider's id of this event; the dedupe key", example: 'evt-0001' })
  @IsString() @MinLength(1) @MaxLength(200) sourceEventId!: string;
  @ApiProperty({ enum: PROVIDER_EVENT_TYPES }) @IsIn(PROVIDER_EVENT_TYPES as unknown as string[]) type!: ProviderEventType;
  @ApiPropertyOptional({ description: 'when it happened at the provider; defaults to now' })
  @IsOptional() @Matches(ISO_INSTANT, { message: 'occurredAt must be an ISO 8601 instant' }) occurredAt?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() correlationId?: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) @IsObject() data!: Record<string, unknown>;
}

export class ProviderEventBatch {
  @ApiProperty({ type: [Object], description: `1 to ${MAX_BATCH_ITEMS} items, each judged on its own` })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_BATCH_ITEMS)
  items!: unknown[];
}

export type ItemOutcome =
  | { index: number; sourceEventId?: string; outcome: 'accepted'; eventId: string; credentialId: string; revision: number; position: number }
  | { index: number; sourceEventId?: string; outcome: 'duplicate'; eventId: string; credentialId: string }
  | { index: number; sourceEventId?: string; outcome: 'rejected'; errors: ItemError[] };

export interface ItemError {
  code: string;
  message: string;
  field?: string;
}
