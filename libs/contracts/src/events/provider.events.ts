import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { JURISDICTION_PATTERN, PROVIDER_ID_PATTERN } from './common';

export const PROVIDER_KINDS = ['university', 'college', 'industry-body', 'employer', 'platform', 'other'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

export class ProviderRegistered {
  @Matches(PROVIDER_ID_PATTERN) providerId!: string;
  @IsString() @MinLength(1) @MaxLength(300) name!: string;
  @Matches(JURISDICTION_PATTERN) jurisdiction!: string;
  @IsIn(PROVIDER_KINDS as unknown as string[]) kind!: ProviderKind;
}

/** An Ed25519 public key as a JWK (RFC 8037). */
export class Ed25519Jwk {
  @IsIn(['OKP']) kty!: 'OKP';
  @IsIn(['Ed25519']) crv!: 'Ed25519';
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'x must be the 32-byte public key, base64url without padding' }) x!: string;
}

export const SIGNING_KEY_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

export class ProviderSigningKeyAdded {
  @Matches(PROVIDER_ID_PATTERN) providerId!: string;
  @Matches(SIGNING_KEY_ID_PATTERN) keyId!: string;
  @ValidateNested() @Type(() => Ed25519Jwk) publicKeyJwk!: Ed25519Jwk;
}

export class ProviderSigningKeyRevoked {
  @Matches(PROVIDER_ID_PATTERN) providerId!: string;
  @Matches(SIGNING_KEY_ID_PATTERN) keyId!: string;
  @IsOptional() @IsString() @MaxLength(1000) reason?: string;
}

export class ProviderSigningPolicySet {
  @Matches(PROVIDER_ID_PATTERN) providerId!: string;
  @IsBoolean() requireSignedBatches!: boolean;
}
