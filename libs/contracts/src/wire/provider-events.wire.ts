import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsObject, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { IsCalendarDate, IsCalendarInstant, INSTANT_RULE } from '../validators/calendar';
import { IsIdentifierOf, IsIdentifierScheme } from '../validators/identifier';
import { knownIdentifierSchemes } from '../reference/identifier-schemes';
import { ID_RULE, IsLedgerId, IsText } from '../validators/text';

export const MAX_BATCH_ITEMS = 1000;
/** The longest sourceEventId and credentialRef: ids are never cut, so longer ones are refused. */
export const MAX_SOURCE_ID_LENGTH = 200;

/** Lifecycle event types a provider may send, each with its payload class below. */
export const PROVIDER_EVENT_TYPES = ['CredentialIssued', 'CredentialAmended', 'CredentialSuspended', 'CredentialReinstated', 'CredentialRevoked'] as const;
export type ProviderEventType = (typeof PROVIDER_EVENT_TYPES)[number];

export class HolderIdentifier {
  @ApiProperty({ example: 'NZ-NSN', enum: knownIdentifierSchemes(), description: 'a known identifier scheme (case-insensitive); any other is refused with the list of known ones' })
  @IsIdentifierScheme() scheme!: string;
  @ApiProperty({ example: '123456789', description: 'normalised per scheme (trimmed; separators removed; e-mail lower-cased), its format and check character validated, then stored only as an HMAC digest' })
  @IsText({ min: 1, max: 200 }) @IsIdentifierOf('scheme') value!: string;
}

export class HolderInput {
  @ApiProperty({ type: [HolderIdentifier] })
  // IsObject each: ValidateNested alone walks into an array inside the array, so [[{…}]] passed and failed later as a 500.
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => HolderIdentifier)
  identifiers!: HolderIdentifier[];

  @ApiPropertyOptional({ example: 'Aroha Ngata', description: 'encrypted under the learner key; never stored in clear' })
  @IsOptional() @IsText({ min: 1, max: 300 })
  name?: string;

  @ApiPropertyOptional({ example: '1999-04-12', format: 'date', description: 'a real date, not in the future; encrypted under the learner key, never stored in clear' })
  @IsOptional() @IsCalendarDate({ notFuture: true })
  birthDate?: string;
}

const CREDENTIAL_REF = `the provider's own id of the credential: 1-${MAX_SOURCE_ID_LENGTH} characters of ${ID_RULE}`;

class CredentialRefPayload {
  @ApiProperty({ description: CREDENTIAL_REF, example: 'CERT-2026-0001' })
  @IsLedgerId(MAX_SOURCE_ID_LENGTH) credentialRef!: string;
}

export class CredentialIssuedPayload extends CredentialRefPayload {
  @ApiProperty({ format: 'uuid' }) @IsUUID() achievementId!: string;
  @ApiProperty({ type: HolderInput }) @IsObject() @ValidateNested() @Type(() => HolderInput) holder!: HolderInput;
  @ApiProperty({ example: '2026-03-01T00:00:00Z', format: 'date-time', description: INSTANT_RULE }) @IsCalendarInstant() issuedAt!: string;
  @ApiPropertyOptional({ example: '2029-03-01T00:00:00Z', format: 'date-time', description: INSTANT_RULE }) @IsOptional() @IsCalendarInstant() validUntil?: string;
  @ApiPropertyOptional({ maxLength: 100 }) @IsOptional() @IsText({ max: 100 }) grade?: string;
}

export class CredentialReasonPayload extends CredentialRefPayload {
  @ApiProperty({ maxLength: 1000 }) @IsText({ min: 1, max: 1000, multiline: true }) reason!: string;
}

export class CredentialReinstatedPayload extends CredentialRefPayload {
  @ApiPropertyOptional({ maxLength: 1000 }) @IsOptional() @IsText({ max: 1000, multiline: true }) reason?: string;
}

export class CredentialChangesInput {
  @ApiPropertyOptional({ format: 'date-time', description: `new end of validity; ${INSTANT_RULE}` })
  @IsOptional() @IsCalendarInstant() validUntil?: string;
  @ApiPropertyOptional({ maxLength: 100 }) @IsOptional() @IsText({ max: 100 }) grade?: string;
}

export class CredentialAmendedPayload extends CredentialReasonPayload {
  @ApiProperty({ type: CredentialChangesInput }) @IsObject() @ValidateNested() @Type(() => CredentialChangesInput) changes!: CredentialChangesInput;
}

export const PAYLOAD_CLASSES: Record<ProviderEventType, new () => object> = {
  CredentialIssued: CredentialIssuedPayload,
  CredentialAmended: CredentialAmendedPayload,
  CredentialSuspended: CredentialReasonPayload,
  CredentialReinstated: CredentialReinstatedPayload,
  CredentialRevoked: CredentialReasonPayload,
};

/** One item of a batch; `data` is validated against the class of its `type`. */
@ApiExtraModels(CredentialIssuedPayload, CredentialAmendedPayload, CredentialReasonPayload, CredentialReinstatedPayload)
export class ProviderEventItem {
  @ApiProperty({ description: `the provider's id of this event, the dedupe key: 1-${MAX_SOURCE_ID_LENGTH} characters of ${ID_RULE}`, example: 'evt-0001' })
  @IsLedgerId(MAX_SOURCE_ID_LENGTH) sourceEventId!: string;
  @ApiProperty({ enum: PROVIDER_EVENT_TYPES }) @IsIn(PROVIDER_EVENT_TYPES) type!: ProviderEventType;
  @ApiPropertyOptional({ format: 'date-time', description: `when it happened at the provider; defaults to now; ${INSTANT_RULE}` })
  @IsOptional() @IsCalendarInstant() occurredAt?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() correlationId?: string;
  @ApiProperty({
    description: 'the payload of `type`: CredentialIssued, CredentialAmended, CredentialReinstated, or CredentialSuspended/CredentialRevoked (reason)',
    oneOf: [
      { $ref: getSchemaPath(CredentialIssuedPayload) },
      { $ref: getSchemaPath(CredentialAmendedPayload) },
      { $ref: getSchemaPath(CredentialReasonPayload) },
      { $ref: getSchemaPath(CredentialReinstatedPayload) },
    ],
  })
  @IsObject() data!: Record<string, unknown>;
}

export class ProviderEventBatch {
  @ApiProperty({ type: [ProviderEventItem], description: `1 to ${MAX_BATCH_ITEMS} items, each judged on its own: a bad item is rejected, its neighbours still count` })
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
