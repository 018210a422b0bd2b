import { Type } from 'class-transformer';
import { IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
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
