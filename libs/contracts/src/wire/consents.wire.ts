import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional } from 'class-validator';
import { CONSENT_PURPOSES, ConsentPurpose } from '../events/learner-consent.events';
import { IsCalendarInstant } from '../validators/calendar';
import { IsText } from '../validators/text';

export class ConsentRequest {
  @ApiPropertyOptional({ type: [String], enum: CONSENT_PURPOSES, example: ['employment-verification'], description: 'what the partner may use the record for; omitted means every purpose listed' })
  @IsOptional() @IsArray() @ArrayMinSize(1, { message: 'purposes must name at least one purpose (omit it for all)' }) @ArrayMaxSize(20)
  @IsIn(CONSENT_PURPOSES, { each: true, message: `each purpose must be one of ${CONSENT_PURPOSES.join(', ')}` })
  purposes?: ConsentPurpose[];
  @ApiPropertyOptional({ example: '2027-06-30T00:00:00Z', description: 'when the consent ends by itself (an instant in the future)' })
  @IsOptional() @IsCalendarInstant() expiresAt?: string;
}

export class ConsentView {
  @ApiProperty({ format: 'uuid' }) learnerId!: string;
  @ApiProperty({ example: 'employer-portal' }) partnerId!: string;
  @ApiProperty({ enum: ['granted', 'withdrawn'] }) status!: 'granted' | 'withdrawn';
  @ApiProperty({ type: [String], enum: CONSENT_PURPOSES }) purposes!: ConsentPurpose[];
  @ApiPropertyOptional() expiresAt?: string;
  @ApiPropertyOptional({ description: 'when the consent in force was granted' }) grantedAt?: string;
  @ApiPropertyOptional() withdrawnAt?: string;
}

export class ConsentResponse extends ConsentView {
  @ApiPropertyOptional({ description: 'log position of the event written; absent when nothing changed (the same consent granted again)' }) position?: number;
}

export class ConsentListResponse {
  @ApiProperty({ format: 'uuid' }) learnerId!: string;
  @ApiProperty({ description: 'whether the learner was erased' }) erased!: boolean;
  @ApiProperty({ type: [ConsentView], description: 'every partner the learner ever consented to, with the consent now (granted or withdrawn)' }) consents!: ConsentView[];
}

export class ErasureRequest {
  @ApiProperty({ example: 'the learner asked to be forgotten (GDPR art. 17)' }) @IsText({ min: 1, max: 1000 }) reason!: string;
}

export class ErasureResponse {
  @ApiProperty({ format: 'uuid' }) learnerId!: string;
  @ApiProperty({ example: true }) erased!: boolean;
  @ApiProperty({ type: [String], format: 'uuid', description: 'the data keys destroyed in the key vault' }) keyIds!: string[];
  @ApiProperty() erasedAt!: string;
  @ApiProperty({ description: 'log position of the LearnerErased event' }) position!: number;
}

export class ErasureStatusResponse {
  @ApiProperty({ format: 'uuid' }) learnerId!: string;
  @ApiProperty() erased!: boolean;
  @ApiPropertyOptional() erasedAt?: string;
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'the data keys destroyed' }) keyIds?: string[];
}
