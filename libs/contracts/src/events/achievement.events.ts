import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsNumber, IsObject, IsOptional, IsUUID, Matches, Max, Min,
  Validate, ValidateIf, ValidateNested, ValidationArguments, ValidatorConstraint, ValidatorConstraintInterface,
} from 'class-validator';
import { IsText } from '../validators/text';
import { CreditsRef, LevelRef, PROVIDER_ID_PATTERN } from './common';

export const PARTICIPATION_FORMS = ['online', 'onsite', 'blended', 'volunteering', 'work-experience'] as const;

const HOURS = { allowNaN: false, allowInfinity: false } as const;

/** Notional hours by mode of learning (Australian National Microcredentials Framework). */
export class WorkloadBreakdown {
  @ApiProperty({ example: 20, minimum: 0 }) @IsNumber(HOURS) @Min(0) @Max(100_000) faceToFace!: number;
  @ApiProperty({ example: 30, minimum: 0 }) @IsNumber(HOURS) @Min(0) @Max(100_000) synchronousOnline!: number;
  @ApiProperty({ example: 10, minimum: 0 }) @IsNumber(HOURS) @Min(0) @Max(100_000) peer!: number;
  @ApiProperty({ example: 80, minimum: 0 }) @IsNumber(HOURS) @Min(0) @Max(100_000) asynchronous!: number;
  @ApiProperty({ example: 10, minimum: 0 }) @IsNumber(HOURS) @Min(0) @Max(100_000) assessment!: number;
}

/** Hours by mode (Australian framework) must add up to the total they break down. */
@ValidatorConstraint({ name: 'breakdownSumsToHours' })
class BreakdownSumsToHours implements ValidatorConstraintInterface {
  validate(breakdown: WorkloadBreakdown | undefined, args: ValidationArguments): boolean {
    if (!breakdown || typeof breakdown !== 'object') return true;
    const parts = [breakdown.faceToFace, breakdown.synchronousOnline, breakdown.peer, breakdown.asynchronous, breakdown.assessment];
    if (parts.some((p) => typeof p !== 'number')) return true; // the nested validation names those
    const sum = parts.reduce((a, b) => a + b, 0);
    return Math.abs(sum - (args.object as Workload).hours) < 0.01;
  }

  defaultMessage(args: ValidationArguments): string {
    return `breakdown must add up to hours (${(args.object as Workload).hours})`;
  }
}

export class Workload {
  @ApiProperty({ example: 150, minimum: 0, maximum: 100_000, description: 'notional learning hours in total' })
  @IsNumber(HOURS) @Min(0) @Max(100_000) hours!: number;
  @ApiPropertyOptional({ type: WorkloadBreakdown, description: 'hours by mode; must add up to hours' })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => WorkloadBreakdown) @Validate(BreakdownSumsToHours) breakdown?: WorkloadBreakdown;
  @ApiPropertyOptional({ type: CreditsRef, description: 'the volume in a credit unit of the reference data (ECTS, NZQCF-credit…)' })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => CreditsRef) credits?: CreditsRef;
}

export class Assessment {
  @ApiProperty({ example: 'portfolio' }) @IsText({ min: 1, max: 200 }) type!: string;
  @ApiProperty() @IsBoolean() supervised!: boolean;
  @ApiProperty() @IsBoolean() identityVerified!: boolean;
}

/** Type of quality assurance (EU mandatory element) as a controlled value. */
export const QUALITY_ASSURANCE_TYPES = ['internal', 'external', 'accredited-provider', 'other'] as const;
export type QualityAssuranceKind = (typeof QUALITY_ASSURANCE_TYPES)[number];

export class QualityAssuranceStatement {
  @ApiProperty({ enum: QUALITY_ASSURANCE_TYPES, example: 'external' }) @IsIn(QUALITY_ASSURANCE_TYPES) type!: QualityAssuranceKind;
  @ApiPropertyOptional({ example: 'NZQA programme approval', maxLength: 500, description: 'required when type is other; who or what assures quality otherwise' })
  @ValidateIf((o: QualityAssuranceStatement) => o.type === 'other' || o.description !== undefined) @IsText({ min: 1, max: 500 }) description?: string;
}

/**
 * Reads a stored type of quality assurance. Events written before it became a controlled
 * value hold free text ("external: NZQA"): a known type, alone or before a colon, keeps its
 * type and the rest as description; any other text becomes other + that text. Stored
 * events are never rewritten; this runs on read (upcastAchievementData).
 */
export function readQualityAssurance(value: unknown): QualityAssuranceStatement | undefined {
  if (value && typeof value === 'object') return value as QualityAssuranceStatement;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const text = value.trim();
  const match = /^([a-z-]+)\s*(?::\s*(.*))?$/i.exec(text);
  const type = match?.[1].toLowerCase();
  if (match && type && type !== 'other' && (QUALITY_ASSURANCE_TYPES as readonly string[]).includes(type)) {
    return { type: type as QualityAssuranceKind, ...(match[2] ? { description: match[2] } : {}) };
  }
  return { type: 'other', description: text };
}

/** Something in a specification a QA body will question, recorded with it; the definition is not refused. */
export class SpecWarning {
  @ApiProperty({ example: 'WORKLOAD.CREDITS_HOURS_MISMATCH' }) @IsText({ min: 1, max: 100 }) code!: string;
  @ApiProperty({ example: 'workload.credits.value' }) @IsText({ min: 1, max: 200 }) field!: string;
  @ApiProperty({ example: '15 NZQCF-credit stand for 135-165 h, not 20 h' }) @IsText({ min: 1, max: 1000 }) message!: string;
}

export class Stackability {
  @ApiProperty() @IsBoolean() stackable!: boolean;
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsText({ max: 2000, multiline: true }) description?: string;
}

/** The fields of a micro-credential specification, shared by the request and the event. */
export class AchievementSpec {
  @ApiProperty({ example: 'Data Literacy Foundations', maxLength: 300 }) @IsText({ min: 1, max: 300 }) title!: string;
  @ApiProperty({ type: [String], example: ['Interpret descriptive statistics'], description: '1-50 outcomes of up to 2000 characters' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsText({ min: 1, max: 2000, multiline: true }, { each: true }) learningOutcomes!: string[];
  @ApiProperty({ type: Workload }) @IsObject() @ValidateNested() @Type(() => Workload) workload!: Workload;
  @ApiPropertyOptional({ type: LevelRef, description: 'the level in a framework of the reference data, where applicable' })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => LevelRef) level?: LevelRef;
  @ApiProperty({ type: Assessment }) @IsObject() @ValidateNested() @Type(() => Assessment) assessment!: Assessment;
  @ApiProperty({ enum: PARTICIPATION_FORMS }) @IsIn(PARTICIPATION_FORMS) participation!: string;
  @ApiProperty({ example: 'en', description: 'BCP 47 language tag' })
  @Matches(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { message: 'language must be a BCP 47 language tag such as en or mi-NZ' }) language!: string;
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsText({ max: 2000, multiline: true }) prerequisites?: string;
  @ApiPropertyOptional({ example: '0613', description: 'ISCED-F 2013 code of 2 to 4 digits' })
  @IsOptional() @Matches(/^\d{2,4}$/, { message: 'fieldOfStudy must be an ISCED-F 2013 code of 2 to 4 digits' }) fieldOfStudy?: string;
  @ApiPropertyOptional({ type: Stackability }) @IsOptional() @IsObject() @ValidateNested() @Type(() => Stackability) stackability?: Stackability;
  /** Type of quality assurance (EU mandatory element); old events' free text is read by readQualityAssurance. */
  @ApiPropertyOptional({ type: QualityAssuranceStatement })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => QualityAssuranceStatement) qualityAssurance?: QualityAssuranceStatement;
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsText({ max: 2000, multiline: true }) furtherInformation?: string;
}

export class AchievementDefined extends AchievementSpec {
  @IsUUID() achievementId!: string;
  @Matches(PROVIDER_ID_PATTERN) providerId!: string;
  /** Set by the ledger, never by the request: what a QA body will question (credits against hours). */
  @IsOptional() @ValidateNested({ each: true }) @Type(() => SpecWarning) warnings?: SpecWarning[];
}

export class AchievementRevised {
  @IsUUID() achievementId!: string;
  @Matches(PROVIDER_ID_PATTERN) providerId!: string;
  /** The whole specification as it now stands. */
  @ValidateNested() @Type(() => AchievementSpec) spec!: AchievementSpec;
  @IsText({ min: 1, max: 1000, multiline: true }) reason!: string;
  /** Set by the ledger for the revised specification, as on AchievementDefined. */
  @IsOptional() @ValidateNested({ each: true }) @Type(() => SpecWarning) warnings?: SpecWarning[];
}

/**
 * Lifts a stored AchievementDefined / AchievementRevised body to the current shape: the
 * free-text type of quality assurance becomes the controlled value. A body already in
 * the current shape is returned as it is (the same object), so reading stays cheap.
 */
export function upcastAchievementData(type: string, data: unknown): unknown {
  if (!data || typeof data !== 'object') return data;
  const lift = (spec: Record<string, unknown>) =>
    typeof spec.qualityAssurance === 'string' ? { ...spec, qualityAssurance: readQualityAssurance(spec.qualityAssurance) } : spec;
  const body = data as Record<string, unknown>;
  if (type === 'AchievementDefined') return lift(body);
  if (type === 'AchievementRevised' && body.spec && typeof body.spec === 'object') {
    const spec = lift(body.spec as Record<string, unknown>);
    return spec === body.spec ? body : { ...body, spec };
  }
  return data;
}

export class AchievementRetired {
  @IsUUID() achievementId!: string;
  @Matches(PROVIDER_ID_PATTERN) providerId!: string;
  @IsText({ min: 1, max: 1000, multiline: true }) reason!: string;
}
