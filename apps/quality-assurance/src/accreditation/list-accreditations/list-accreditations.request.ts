import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { PROVIDER_ID_PATTERN, QA_BODY_ID_PATTERN } from '@app/contracts';

export class AccreditationListRequest {
  @ApiPropertyOptional({ example: 'uni-aotearoa' })
  @IsOptional() @Matches(PROVIDER_ID_PATTERN, { message: 'providerId must be a lower-case slug' }) providerId?: string;
  @ApiPropertyOptional({ example: 'nzqa' })
  @IsOptional() @Matches(QA_BODY_ID_PATTERN, { message: 'qaBodyId must be a lower-case slug' }) qaBodyId?: string;
}
