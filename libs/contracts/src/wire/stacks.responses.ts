import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// What POST /v1/stacks and GET /v1/learners/{learnerId}/stacks answer, and the learner record's `stacks` (OpenAPI only).

export class StackWrittenResponse {
  @ApiProperty({ format: 'uuid' }) stackId!: string;
  @ApiProperty({ example: 42, description: 'log position of the StackDefined event' }) position!: number;
}

export class StackReasonResponse {
  @ApiProperty({ example: 'mandatory-missing' }) code!: string;
  @ApiProperty() message!: string;
}

export class StackCredentialResponse {
  @ApiProperty({ format: 'uuid' }) credentialId!: string;
  @ApiProperty({ enum: ['issued', 'suspended', 'expired', 'revoked'] }) status!: string;
  @ApiProperty({ description: 'whether this credential meets the achievement' }) counts!: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'normalised EQF level; null when none or not comparable' }) eqfLevel!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'conservative ECTS-equivalent (minimum of the normalised range); null when not comparable' }) ectsMin!: number | null;
  @ApiProperty({ type: [StackReasonResponse] }) reasons!: StackReasonResponse[];
}

export class StackAchievementProgressResponse {
  @ApiProperty() providerId!: string;
  @ApiProperty({ format: 'uuid' }) achievementId!: string;
  @ApiProperty() mandatory!: boolean;
  @ApiProperty({ description: 'the learner holds a credential for it, counting or not' }) held!: boolean;
  @ApiProperty({ description: 'a credential for it counts' }) met!: boolean;
  @ApiPropertyOptional({ format: 'uuid', description: 'the credential it is met by' }) credentialId?: string;
  @ApiProperty({ description: 'ECTS-equivalent it adds' }) ects!: number;
  @ApiProperty({ type: [StackCredentialResponse] }) credentials!: StackCredentialResponse[];
  @ApiProperty({ type: [StackReasonResponse] }) reasons!: StackReasonResponse[];
}

export class AchievementRefResponse {
  @ApiProperty() providerId!: string;
  @ApiProperty({ format: 'uuid' }) achievementId!: string;
}

/** Progress and eligibility towards one stack, by the stacking rule. */
export class StackProgressResponse {
  @ApiProperty({ format: 'uuid' }) stackId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() jurisdiction!: string;
  @ApiProperty() minimumEcts!: number;
  @ApiProperty() minimumEqfLevel!: number;
  @ApiProperty({ type: [StackAchievementProgressResponse] }) achievements!: StackAchievementProgressResponse[];
  @ApiProperty({ description: 'ECTS-equivalent of the met achievements' }) ectsEarned!: number;
  @ApiProperty({ type: [AchievementRefResponse] }) mandatoryMissing!: AchievementRefResponse[];
  @ApiProperty() eligible!: boolean;
  @ApiProperty({ type: [StackReasonResponse], description: 'why it is or is not earned' }) reasons!: StackReasonResponse[];
}

export class LearnerStacksResponse {
  @ApiProperty({ format: 'uuid', description: 'the learner the id answers as (after merges)' }) learnerId!: string;
  @ApiProperty({ type: [StackProgressResponse], description: 'every stack the learner holds a credential towards (counting or not), visible to the caller' })
  stacks!: StackProgressResponse[];
}
