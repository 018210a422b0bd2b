import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsInt, IsNumber, IsOptional, IsPositive, IsUUID, Matches, Max, Min, ValidateNested,
} from 'class-validator';
import { IsText } from '../validators/text';
import { JURISDICTION_PATTERN, PROVIDER_ID_PATTERN } from './common';

/** One achievement a stack draws on; a mandatory one must be met for the stack to be awarded. */
export class StackAchievement {
  @ApiProperty({ example: 'uni-aotearoa' })
  @Matches(PROVIDER_ID_PATTERN, { message: 'providerId must be a lower-case slug of 2-63 letters, digits or dashes' }) providerId!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID(undefined, { message: 'achievementId must be a UUID' }) achievementId!: string;
  @ApiProperty({ example: true }) @IsBoolean({ message: 'mandatory must be a boolean' }) mandatory!: boolean;
}

/**
 * A larger credential (stream `stack-{stackId}`): at least `minimumEcts` ECTS-equivalent, from
 * achievements at or above EQF `minimumEqfLevel`, drawn from `achievements`, every mandatory one met.
 * Written once; a stack is never revised (a changed definition is a new stack with its own id).
 */
export class StackDefined {
  @IsUUID() stackId!: string;
  @IsText({ min: 1, max: 300 }) title!: string;
  @Matches(JURISDICTION_PATTERN) jurisdiction!: string;
  @IsNumber({ allowNaN: false, allowInfinity: false }) @IsPositive() minimumEcts!: number;
  @IsInt() @Min(1) @Max(8) minimumEqfLevel!: number;
  @IsArray() @ValidateNested({ each: true }) @Type(() => StackAchievement) achievements!: StackAchievement[];
}

const achievementKey = (a: unknown) => {
  const { providerId, achievementId } = (a ?? {}) as Partial<StackAchievement>;
  return `${String(providerId)}/${String(achievementId)}`;
};

/** `POST /v1/stacks`: a stack to define; re-posting the same definition is a retry. */
export class DefineStackRequest {
  @ApiPropertyOptional({ format: 'uuid', description: 'the id to define it under; derived from the definition when left out, so a re-post is a retry' })
  @IsOptional() @IsUUID(undefined, { message: 'stackId must be a UUID' }) stackId?: string;
  @ApiProperty({ example: 'Certificate in Applied Data Practice', maxLength: 300 }) @IsText({ min: 1, max: 300 }) title!: string;
  @ApiProperty({ example: 'NZ', description: 'where the stack is awarded: ISO 3166-1 alpha-2, ISO 3166-2 or EU' })
  @Matches(JURISDICTION_PATTERN, { message: 'jurisdiction must be an ISO 3166-1 alpha-2 or ISO 3166-2 code, or EU' }) jurisdiction!: string;
  @ApiProperty({ example: 15, description: 'ECTS-equivalent needed (the conservative minimum of each counted credential), more than 0' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'minimumEcts must be a number' })
  @IsPositive({ message: 'minimumEcts must be more than 0' }) @Max(1000) minimumEcts!: number;
  @ApiProperty({ example: 5, minimum: 1, maximum: 8, description: 'EQF level a credential must be at or above to count' })
  @IsInt({ message: 'minimumEqfLevel must be an integer' }) @Min(1) @Max(8) minimumEqfLevel!: number;
  @ApiProperty({ type: [StackAchievement], description: '1-200 achievements, each (providerId, achievementId) once' })
  @IsArray() @ArrayMinSize(1, { message: 'achievements must name at least one achievement' }) @ArrayMaxSize(200)
  @ArrayUnique(achievementKey, { message: 'achievements must not name the same achievement twice' })
  @ValidateNested({ each: true }) @Type(() => StackAchievement)
  achievements!: StackAchievement[];
}
