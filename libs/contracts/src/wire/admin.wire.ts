import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsUUID, Matches, ValidateNested } from 'class-validator';
import { AchievementSpec } from '../events/achievement.events';
import { JURISDICTION_PATTERN, KeyScope, PROVIDER_ID_PATTERN, ROLES, Role } from '../events/common';
import { PROVIDER_KINDS, ProviderKind } from '../events/provider.events';
import { IsCalendarInstant } from '../validators/calendar';
import { IsText } from '../validators/text';

export class RegisterProviderRequest {
  @ApiProperty({ example: 'uni-aotearoa', description: 'lower-case slug, 2-63 characters' })
  @Matches(PROVIDER_ID_PATTERN, { message: 'providerId must be a lower-case slug of 2-63 letters, digits or dashes' })
  providerId!: string;
  @ApiProperty({ example: 'University of Aotearoa', maxLength: 300 }) @IsText({ min: 1, max: 300 }) name!: string;
  @ApiProperty({ example: 'NZ', description: 'ISO 3166-1 alpha-2 or ISO 3166-2 code' })
  @Matches(JURISDICTION_PATTERN, { message: 'jurisdiction must be an ISO 3166-1 alpha-2 or ISO 3166-2 code' })
  jurisdiction!: string;
  @ApiProperty({ enum: PROVIDER_KINDS }) @IsIn(PROVIDER_KINDS) kind!: ProviderKind;
}

export class IssueApiKeyRequest {
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role!: Role;
  @ApiPropertyOptional({ type: KeyScope, description: 'what the key may act on; a role needs the fields it acts through' })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => KeyScope) scope?: KeyScope;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsText({ max: 200 }) label?: string;
}

export class DefineAchievementRequest extends AchievementSpec {
  @ApiPropertyOptional({ format: 'uuid', description: 'chosen by the provider for idempotent retries; generated if absent' })
  @IsOptional() @IsUUID()
  achievementId?: string;
}

export class RevokeApiKeyRequest {
  @ApiProperty({ example: 'key leaked in a build log', description: 'why the key is revoked; kept in the event log' })
  @IsText({ min: 1, max: 1000, multiline: true })
  reason!: string;
}

/** How long the old key may overlap with its replacement. */
export const MAX_ROTATION_OVERLAP_DAYS = 30;

export class RotateApiKeyRequest {
  @ApiProperty({
    example: '2026-12-01T00:00:00Z',
    description: `until when the old key keeps working: an ISO 8601 instant with offset, from now to at most ${MAX_ROTATION_OVERLAP_DAYS} days ahead`,
  })
  @IsCalendarInstant()
  oldKeyValidUntil!: string;
  @ApiPropertyOptional({ description: 'label of the new key; defaults to the old key label' }) @IsOptional() @IsText({ max: 200 }) label?: string;
}
