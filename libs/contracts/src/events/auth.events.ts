import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ISO_INSTANT, KeyScope, ROLES, Role } from './common';

const KEY_ID = /^[A-Za-z0-9]{8,32}$/;

/**
 * An API key came into being. Only the SHA-256 of its secret is stored: the secret is
 * 256 random bits, so a fast hash is enough (no password stretching is needed).
 */
export class ApiKeyIssued {
  @Matches(KEY_ID) keyId!: string;
  @Matches(/^[0-9a-f]{64}$/) secretHash!: string;
  @IsIn(ROLES) role!: Role;
  @ValidateNested() @Type(() => KeyScope) scope!: KeyScope;
  @IsOptional() @IsString() @MaxLength(200) label?: string;
  /** The key this one replaces (see ApiKeyRotated); absent for a key issued afresh. */
  @IsOptional() @Matches(KEY_ID) rotatedFrom?: string;
}

/** The key stops working at once, in every process. Final: a revoked key never comes back. */
export class ApiKeyRevoked {
  @Matches(KEY_ID) keyId!: string;
  @IsOptional() @IsString() @MaxLength(1000) reason?: string;
}

/**
 * The key was replaced by `replacedBy` and keeps working only until `validUntil`, so its
 * holder can switch over without a gap. A later rotation may bring the instant forward, never back.
 */
export class ApiKeyRotated {
  @Matches(KEY_ID) keyId!: string;
  @Matches(KEY_ID) replacedBy!: string;
  @Matches(ISO_INSTANT) validUntil!: string;
}
