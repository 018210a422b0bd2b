import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { ruleDecorator } from '../validators/rule-decorator';
import { RESERVED_IDS } from '../validators/text';
import { JURISDICTION_PATTERN, PROVIDER_ID_PATTERN } from './common';

export const PROVIDER_KINDS = ['university', 'college', 'industry-body', 'employer', 'platform', 'other'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

export class ProviderRegistered {
  @Matches(PROVIDER_ID_PATTERN) providerId!: string;
  @IsString() @MinLength(1) @MaxLength(300) name!: string;
  @Matches(JURISDICTION_PATTERN) jurisdiction!: string;
  @IsIn(PROVIDER_KINDS) kind!: ProviderKind;
}

/** An Ed25519 public key as a JWK (RFC 8037). */
export class Ed25519Jwk {
  @ApiProperty({ enum: ['OKP'] }) @IsIn(['OKP']) kty!: 'OKP';
  @ApiProperty({ enum: ['Ed25519'] }) @IsIn(['Ed25519']) crv!: 'Ed25519';
  @ApiProperty({ example: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo', description: 'the 32-byte public key, base64url without padding' })
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'x must be the 32-byte public key, base64url without padding' }) x!: string;
}

export const SIGNING_KEY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const SIGNING_KEY_ID_RULE = '1-64 letters, digits, dots, dashes or underscores, a letter or digit first';

/** A signing key id: it keys a map of the provider's keys, so an object property name is refused. */
export function isSigningKeyId(value: unknown): value is string {
  return typeof value === 'string' && SIGNING_KEY_ID_PATTERN.test(value) && !RESERVED_IDS.has(value);
}

export function IsSigningKeyId(): PropertyDecorator {
  return ruleDecorator('isSigningKeyId', (v) => (isSigningKeyId(v) ? undefined : RESERVED_IDS.has(String(v)) ? `${String(v)} is reserved` : 'other characters'), SIGNING_KEY_ID_RULE);
}

export class ProviderSigningKeyAdded {
  @Matches(PROVIDER_ID_PATTERN) providerId!: string;
  @IsSigningKeyId() keyId!: string;
  @ValidateNested() @Type(() => Ed25519Jwk) publicKeyJwk!: Ed25519Jwk;
}

export class ProviderSigningKeyRevoked {
  @Matches(PROVIDER_ID_PATTERN) providerId!: string;
  @IsSigningKeyId() keyId!: string;
  @IsOptional() @IsString() @MaxLength(1000) reason?: string;
}

export class ProviderSigningPolicySet {
  @Matches(PROVIDER_ID_PATTERN) providerId!: string;
  @IsBoolean() requireSignedBatches!: boolean;
}
