import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { knownCreditSystems } from '../reference/credits';
import { knownLevelFrameworks } from '../reference/levels';
import { IsCreditSystem, IsLevelFramework, IsLevelOf } from '../validators/reference';
import { IsLedgerId } from '../validators/text';

export const PROVIDER_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;
/** ISO 3166-1 alpha-2, optionally with an ISO 3166-2 subdivision (NZ, AU-NSW, CA-ON). */
export const JURISDICTION_PATTERN = /^[A-Z]{2}(-[A-Z0-9]{1,3})?$|^EU$/;
/**
 * The shape of an ISO 8601 instant only: it lets `2026-02-30T25:61:61Z` through. Validate
 * with IsCalendarInstant (validators/calendar.ts), which also checks the calendar and range.
 */
export const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** A level in a framework the ledger knows (reference/levels.json), inside that framework's range. */
export class LevelRef {
  @ApiProperty({ enum: knownLevelFrameworks(), example: 'NZQCF', description: 'a level framework from the reference data' })
  @IsLevelFramework() framework!: string;
  @ApiProperty({ type: 'integer', example: 5, description: "a level inside the framework's range (NZQCF 1-10, EQF 1-8, AQF 1-10, QF-EHEA 1-4)" })
  @IsInt() @IsLevelOf('framework') value!: number;
}

/** A volume of learning in a unit the ledger knows (reference/credits.json). */
export class CreditsRef {
  @ApiProperty({ enum: knownCreditSystems(), example: 'NZQCF-credit', description: 'a credit unit from the reference data' })
  @IsCreditSystem() system!: string;
  @ApiProperty({ example: 15, minimum: 0, maximum: 10_000 }) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(10_000) value!: number;
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

/** What a key may act on; which fields a role needs is checked where keys are issued. */
export class KeyScope {
  @ApiPropertyOptional({ example: 'uni-aotearoa', description: 'the provider a provider key acts for (lower-case slug)' })
  @IsOptional() @Matches(PROVIDER_ID_PATTERN, { message: 'providerId must be a lower-case slug of 2-63 letters, digits or dashes' }) providerId?: string;
  @ApiPropertyOptional({ example: 'nzqa', description: 'the QA body a qa-body key acts for (lower-case slug)' })
  @IsOptional() @Matches(PROVIDER_ID_PATTERN, { message: 'qaBodyId must be a lower-case slug of 2-63 letters, digits or dashes' }) qaBodyId?: string;
  @ApiPropertyOptional({ example: 'employer-portal', description: 'the partner a partner key acts for' })
  @IsOptional() @IsLedgerId(63) partnerId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'the learner a learner key acts for: it reads their record and manages their consents' })
  @IsOptional() @IsUUID(undefined, { message: 'learnerId must be a UUID' }) learnerId?: string;
  @ApiPropertyOptional({ type: [String], example: ['NZ'], description: 'jurisdictions the key may act in: ISO 3166-1 alpha-2, ISO 3166-2 or EU' })
  @IsOptional() @IsArray() @ArrayMaxSize(50)
  @Matches(JURISDICTION_PATTERN, { each: true, message: 'each jurisdiction must be an ISO 3166-1 alpha-2 or ISO 3166-2 code, or EU' })
  jurisdictions?: string[];
}

export class RoleField {
  @IsIn(ROLES) role!: Role;
}
