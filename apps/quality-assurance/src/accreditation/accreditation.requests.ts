import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { AccreditationScope, ISO_INSTANT, PROVIDER_ID_PATTERN, QA_BODY_ID_PATTERN } from '@app/contracts';

const INSTANT = { message: 'must be an ISO 8601 instant with a time zone, e.g. 2026-03-01T00:00:00Z' };

export class AccreditProviderRequest {
  @ApiPropertyOptional({ format: 'uuid', description: 'chosen by the caller for idempotent retries; generated if absent' })
  @IsOptional() @IsUUID() accreditationId?: string;
  @ApiPropertyOptional({ example: 'nzqa', description: 'only for admins acting on behalf of a QA body; a qa-body key acts for its own' })
  @IsOptional() @Matches(QA_BODY_ID_PATTERN, { message: 'qaBodyId must be a lower-case slug' }) qaBodyId?: string;
  @ApiProperty({ example: 'uni-aotearoa' }) @Matches(PROVIDER_ID_PATTERN, { message: 'providerId must be a lower-case slug' }) providerId!: string;
  @ApiProperty({ type: AccreditationScope, example: { framework: 'NZQCF', minLevel: 5, maxLevel: 7, fields: ['0613'] } })
  @ValidateNested() @Type(() => AccreditationScope) scope!: AccreditationScope;
  @ApiProperty({ example: '2026-03-01T00:00:00Z' }) @Matches(ISO_INSTANT, INSTANT) validFrom!: string;
  @ApiProperty({ example: '2026-07-01T00:00:00Z', description: 'exclusive: the accreditation expires at this instant' }) @Matches(ISO_INSTANT, INSTANT) validUntil!: string;
  @ApiPropertyOptional({ description: "the QA body's own reference for the decision" }) @IsOptional() @IsString() @MaxLength(200) decisionRef?: string;
}

export class AccreditationChangeRequest {
  @ApiProperty({ example: '2026-04-01T00:00:00Z', description: 'from when the change holds' }) @Matches(ISO_INSTANT, INSTANT) effectiveFrom!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(1000) reason!: string;
}

export class ReinstateAccreditationRequest {
  @ApiProperty({ example: '2026-05-01T00:00:00Z' }) @Matches(ISO_INSTANT, INSTANT) effectiveFrom!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) reason?: string;
}
