import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsBoolean, IsIn, IsNumber, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min,
  MinLength, ValidateNested,
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

export class Workload {
  @IsNumber() @Min(0) @Max(100_000) hours!: number;
  @IsOptional() @ValidateNested() @Type(() => WorkloadBreakdown) breakdown?: WorkloadBreakdown;
  @IsOptional() @ValidateNested() @Type(() => CreditsRef) credits?: CreditsRef;
}

export class Assessment {
  @IsString() @MinLength(1) @MaxLength(200) type!: string;
  @IsBoolean() supervised!: boolean;
  @IsBoolean() identityVerified!: boolean;
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
  @IsOptional() @Matches(/^\d{2,4}$/) fieldOfStudy?: string;
}

export class AchievementDefined extends AchievementSpec {
  @IsUUID() achievementId!: string;
  @Matches(PROVIDER_ID_PATTERN) providerId!: string;
}
