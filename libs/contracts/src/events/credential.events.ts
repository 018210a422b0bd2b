import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { HolderRecord, PROVIDER_ID_PATTERN } from './common';
import { IsCalendarInstant } from '../validators/calendar';

class CredentialRefs {
  @IsUUID() credentialId!: string;
  @IsString() @MinLength(1) @MaxLength(200) credentialRef!: string;
  @Matches(PROVIDER_ID_PATTERN) providerId!: string;
}

export class CredentialIssued extends CredentialRefs {
  @IsUUID() achievementId!: string;
  @ValidateNested() @Type(() => HolderRecord) holder!: HolderRecord;
  @IsCalendarInstant() issuedAt!: string;
  @IsOptional() @IsCalendarInstant() validUntil?: string;
  @IsOptional() @IsString() @MaxLength(100) grade?: string;
}

export class CredentialSuspended extends CredentialRefs {
  @IsString() @MinLength(1) @MaxLength(1000) reason!: string;
}

export class CredentialReinstated extends CredentialRefs {
  @IsOptional() @IsString() @MaxLength(1000) reason?: string;
}

export class CredentialRevoked extends CredentialRefs {
  @IsString() @MinLength(1) @MaxLength(1000) reason!: string;
}

/** What an amendment changes; absent fields stay as they were. */
export class CredentialChanges {
  @IsOptional() @IsCalendarInstant() validUntil?: string;
  @IsOptional() @IsString() @MaxLength(100) grade?: string;
}

export class CredentialAmended extends CredentialRefs {
  @ValidateNested() @Type(() => CredentialChanges) changes!: CredentialChanges;
  @IsString() @MinLength(1) @MaxLength(1000) reason!: string;
}

export class CredentialExpired extends CredentialRefs {
  @IsCalendarInstant() validUntil!: string;
}

export const BULK_ACTIONS = ['revoke', 'suspend', 'reinstate'] as const;

/**
 * A provider's bulk action, written once per (providerId, requestId) before its credential
 * events: it holds the requestId, so the same id sent again for another action, reason or
 * list of credentials is refused even when no credential is shared with the first request.
 */
export class BulkActionRequested {
  @Matches(PROVIDER_ID_PATTERN) providerId!: string;
  @IsString() @MinLength(1) @MaxLength(100) requestId!: string;
  @IsIn(BULK_ACTIONS) action!: (typeof BULK_ACTIONS)[number];
  @IsString() @MinLength(1) @MaxLength(1000) reason!: string;
  @IsInt() @Min(1) credentialCount!: number;
}
