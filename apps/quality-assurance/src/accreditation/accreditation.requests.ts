import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsUUID, Matches, ValidateNested } from 'class-validator';
import { AccreditationScope, INSTANT_RULE, IsCalendarInstant, IsText, PROVIDER_ID_PATTERN, QA_BODY_ID_PATTERN } from '@app/contracts';

export class AccreditProviderRequest {
  @ApiPropertyOptional({ format: 'uuid', description: 'chosen by the caller for idempotent retries; generated if absent' })
  @IsOptional() @IsUUID() accreditationId?: string;
  @ApiPropertyOptional({ example: 'nzqa', description: 'only for admins acting on behalf of a QA body; a qa-body key acts for its own' })
  @IsOptional() @Matches(QA_BODY_ID_PATTERN, { message: 'qaBodyId must be a lower-case slug' }) qaBodyId?: string;
  @ApiProperty({ example: 'uni-aotearoa' }) @Matches(PROVIDER_ID_PATTERN, { message: 'providerId must be a lower-case slug' }) providerId!: string;
  @ApiProperty({ type: AccreditationScope, example: { framework: 'NZQCF', minLevel: 5, maxLevel: 7, fields: ['0613'] } })
  @IsObject() @ValidateNested() @Type(() => AccreditationScope) scope!: AccreditationScope;
  @ApiProperty({ example: '2026-03-01T00:00:00Z', format: 'date-time', description: INSTANT_RULE }) @IsCalendarInstant() validFrom!: string;
  @ApiProperty({ example: '2026-07-01T00:00:00Z', format: 'date-time', description: `exclusive: the accreditation expires at this instant; ${INSTANT_RULE}` }) @IsCalendarInstant() validUntil!: string;
  @ApiPropertyOptional({ description: "the QA body's own reference for the decision", maxLength: 200 }) @IsOptional() @IsText({ max: 200 }) decisionRef?: string;
}

export class AccreditationChangeRequest {
  @ApiProperty({ example: '2026-04-01T00:00:00Z', format: 'date-time', description: `from when the change holds; ${INSTANT_RULE}` }) @IsCalendarInstant() effectiveFrom!: string;
  @ApiProperty({ maxLength: 1000 }) @IsText({ min: 1, max: 1000, multiline: true }) reason!: string;
}

export class ReinstateAccreditationRequest {
  @ApiProperty({ example: '2026-05-01T00:00:00Z', format: 'date-time', description: INSTANT_RULE }) @IsCalendarInstant() effectiveFrom!: string;
  @ApiPropertyOptional({ maxLength: 1000 }) @IsOptional() @IsText({ max: 1000, multiline: true }) reason?: string;
}
