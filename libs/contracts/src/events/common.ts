import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';

export const PROVIDER_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;
/** ISO 3166-1 alpha-2, optionally with an ISO 3166-2 subdivision (NZ, AU-NSW, CA-ON). */
export const JURISDICTION_PATTERN = /^[A-Z]{2}(-[A-Z0-9]{1,3})?$|^EU$/;
export const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

export class LevelRef {
  @IsString() @MinLength(1) @MaxLength(32) framework!: string;
  @IsInt() @Min(0) @Max(20) value!: number;
}

export class CreditsRef {
  @IsString() @MinLength(1) @MaxLength(32) system!: string;
  @IsNumber() @Min(0) @Max(10_000) value!: number;
}

export class IdentifierDigest {
  @IsString() @MinLength(1) @MaxLength(32) scheme!: string;
  @Matches(/^[0-9a-f]{64}$/) digest!: string;
}

/** Name and birth date, encrypted (AES-256-GCM) under the learner's data key held in the key vault. */
export class EncryptedPersonal {
  @IsString() keyId!: string;
  @IsIn(['A256GCM']) alg!: 'A256GCM';
  @IsString() ciphertext!: string;
}

export class HolderRecord {
  @ValidateNested({ each: true }) @Type(() => IdentifierDigest) identifierDigests!: IdentifierDigest[];
  @IsOptional() @ValidateNested() @Type(() => EncryptedPersonal) personal?: EncryptedPersonal;
}

export const ROLES = ['admin', 'provider', 'qa-body', 'regulator', 'partner', 'learner'] as const;
export type Role = (typeof ROLES)[number];

export class KeyScope {
  @IsOptional() @Matches(PROVIDER_ID_PATTERN) providerId?: string;
  @IsOptional() @IsString() qaBodyId?: string;
  @IsOptional() @IsString() partnerId?: string;
  @IsOptional() @IsString({ each: true }) jurisdictions?: string[];
}

export class RoleField {
  @IsIn(ROLES as unknown as string[]) role!: Role;
}
