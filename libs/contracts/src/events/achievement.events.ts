import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsBoolean, IsIn, IsNumber, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min,
  MinLength, Validate, ValidateNested, ValidationArguments, ValidatorConstraint, ValidatorConstraintInterface,
} from 'class-validator';
import { CreditsRef, LevelRef, PROVIDER_ID_PATTERN } from './common';

export const PARTICIPATION_FORMS = ['online', 'onsite', 'blended', 'volunteering', 'work-experience'] as const;

export class WorkloadBreakdown {
  @IsNumber() @Min(0) faceToFace!: number;
  @IsNumber() @Min(0) synchronousOnline!: number;
  @IsNumber() @Min(0) peer!: number;
  @IsNumber() @Min(0) asynchronous!: number;
  @IsNumber() @Min(0) assessment!: number;
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
  @IsNumber() @Min(0) @Max(100_000) hours!: number;
  @IsOptional() @ValidateNested() @Type(() => WorkloadBreakdown) @Validate(BreakdownSumsToHours) breakdown?: WorkloadBreakdown;
  @IsOptional() @ValidateNested() @Type(() => CreditsRef) credits?: CreditsRef;
}

export class Assessment {
  @IsString() @MinLength(1) @MaxLength(200) type!: string;
  @IsBoolean() supervised!: boolean;
  @IsBoolean() identityVerified!: boolean;
}

export class Stackability {
  @IsBoolean() stackable!: boolean;
  @IsOptional() @IsString() @MaxLength(2000) description?: string;
}

/** The fields of a micro-credential specification, shared by the request and the event. */
export class AchievementSpec {
  @IsString() @MinLength(1) @MaxLength(300) title!: string;
  @IsString({ each: true }) @ArrayMinSize(1) @ArrayMaxSize(50) @MaxLength(2000, { each: true }) learningOutcomes!: string[];
  @ValidateNested() @Type(() => Workload) workload!: Workload;
  @IsOptional() @ValidateNested() @Type(() => LevelRef) level?: LevelRef;
  @ValidateNested() @Type(() => Assessment) assessment!: Assessment;
  @IsIn(PARTICIPATION_FORMS as unknown as string[]) participation!: string;
  @Matches(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/) language!: string;
  @IsOptional() @IsString() @MaxLength(2000) prerequisites?: string;
  @IsOptional() @Matches(/^\d{2,4}$/, { message: 'fieldOfStudy must be an ISCED-F 2013 code of 2 to 4 digits' }) fieldOfStudy?: string;
  @IsOptional() @ValidateNested() @Type(() => Stackability) stackability?: Stackability;
  /** Type of quality assurance (EU mandatory element), e.g. "internal", "external: NZQA". */
  @IsOptional() @IsString() @MaxLength(500) qualityAssurance?: string;
  @IsOptional() @IsString() @MaxLength(2000) furtherInformation?: string;
}

export class AchievementDefined extends AchievementSpec {
  @IsUUID() achievementId!: string;
  @Matches(PROVIDER_ID_PATTERN) providerId!: string;
}

export class AchievementRevised {
  @IsUUID() achievementId!: string;
  @Matches(PROVIDER_ID_PATTERN) providerId!: string;
  /** The whole specification as it now stands. */
  @ValidateNested() @Type(() => AchievementSpec) spec!: AchievementSpec;
  @IsString() @MinLength(1) @MaxLength(1000) reason!: string;
}

export class AchievementRetired {
  @IsUUID() achievementId!: string;
  @Matches(PROVIDER_ID_PATTERN) providerId!: string;
  @IsString() @MinLength(1) @MaxLength(1000) reason!: string;
}
