import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AchievementSpec } from '../events/achievement.events';
import { PolicyRefResponse } from './qa.responses';

// What the achievement read-back routes answer (OpenAPI only; see providers.responses.ts).

const LEDGER_POSITION = { example: 42, description: 'log position the answer reflects' };

export class RevisionApprovalResponse {
  @ApiProperty({ example: 'NZ' }) jurisdiction!: string;
  @ApiProperty({ enum: ['approved', 'declined', 'withdrawn'] }) status!: string;
  @ApiProperty({ example: 'nzqa' }) qaBodyId!: string;
  @ApiProperty({ type: PolicyRefResponse }) policy!: PolicyRefResponse;
  @ApiProperty({ example: 57 }) position!: number;
  @ApiProperty({ example: '2026-03-01T00:00:01.234Z' }) recordedAt!: string;
}

export class AchievementRevisionResponse {
  @ApiProperty({ example: 1, description: '1 for the definition, +1 per revision' }) revision!: number;
  @ApiProperty({ type: AchievementSpec, description: 'every EU element of the specification as of this revision' }) spec!: AchievementSpec;
  @ApiPropertyOptional({ description: 'why the provider revised it (absent on the definition)' }) reason?: string;
  @ApiProperty({ example: 42 }) position!: number;
  @ApiProperty({ example: '2026-03-01T00:00:01.234Z' }) recordedAt!: string;
  @ApiProperty({ type: [RevisionApprovalResponse], description: 'the latest decision on this revision in each jurisdiction that judged it' })
  approvals!: RevisionApprovalResponse[];
}

export class AchievementApprovalStateResponse extends RevisionApprovalResponse {
  @ApiProperty({ example: 1, description: 'the revision the live decision judged ("approved for revision N")' }) revision!: number;
  @ApiProperty({ description: 'whether that revision is the current one; an approval of an earlier revision does not cover later issues' }) current!: boolean;
}

export class AchievementDetailResponse {
  @ApiProperty({ format: 'uuid' }) achievementId!: string;
  @ApiProperty({ example: 'uni-aotearoa' }) providerId!: string;
  @ApiProperty({ example: 2 }) currentRevision!: number;
  @ApiProperty() retired!: boolean;
  @ApiProperty({ type: [AchievementRevisionResponse], description: 'every revision, oldest first; only the one asked for with ?revision=' })
  revisions!: AchievementRevisionResponse[];
  @ApiProperty({ type: [AchievementApprovalStateResponse], description: 'the live decision per jurisdiction and the revision it judged' })
  approvals!: AchievementApprovalStateResponse[];
  @ApiProperty(LEDGER_POSITION) ledgerPosition!: number;
}

export class ProviderAchievementResponse {
  @ApiProperty({ format: 'uuid' }) achievementId!: string;
  @ApiProperty({ example: 'uni-aotearoa' }) providerId!: string;
  @ApiProperty({ example: 'Data Literacy Foundations' }) title!: string;
  @ApiProperty({ example: 2 }) currentRevision!: number;
  @ApiProperty() retired!: boolean;
}

export class ProviderAchievementsResponse {
  @ApiProperty({ example: 'uni-aotearoa' }) providerId!: string;
  @ApiProperty({ type: [ProviderAchievementResponse] }) achievements!: ProviderAchievementResponse[];
  @ApiPropertyOptional({ format: 'uuid', description: 'pass as ?after= for the next page; absent on the last page' }) next?: string;
  @ApiProperty(LEDGER_POSITION) ledgerPosition!: number;
}
