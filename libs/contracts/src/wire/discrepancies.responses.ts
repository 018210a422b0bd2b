import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DISCREPANCY_KINDS, DISCREPANCY_RESOLUTIONS } from '../events/discrepancy.events';

class StandingPolicy {
  @ApiProperty({ example: 'NZ' }) jurisdiction!: string;
  @ApiProperty({ example: '2025.1' }) version!: string;
}

class StandingAccreditation {
  @ApiProperty({ enum: ['accredited', 'not-accredited', 'level-outside-scope'] }) status!: string;
  @ApiPropertyOptional({ format: 'uuid' }) accreditationId?: string;
  @ApiPropertyOptional({ example: 'nzqa' }) qaBodyId?: string;
}

class StandingApproval {
  @ApiProperty({ enum: ['approved', 'not-approved', 'declined', 'withdrawn', 'revision-not-approved'] }) status!: string;
  @ApiProperty({ example: 'NZ', description: "the provider's jurisdiction, whose approval counts" }) jurisdiction!: string;
  @ApiProperty({ type: 'integer', description: 'the achievement revision in force at issue' }) revision!: number;
  @ApiPropertyOptional({ type: 'integer', description: 'the revision the live decision judged' }) decidedRevision?: number;
}

class StandingReason {
  @ApiProperty({ enum: ['unaccredited-provider', 'level-outside-accreditation-scope', 'unapproved-achievement', 'policy-violation'] }) code!: string;
  @ApiProperty() message!: string;
}

export class StandingAtIssueWire {
  @ApiProperty() qualityAssured!: boolean;
  @ApiProperty({ type: StandingAccreditation }) accreditation!: StandingAccreditation;
  @ApiProperty({ type: StandingApproval }) approval!: StandingApproval;
  @ApiProperty({ type: StandingPolicy, nullable: true, description: 'the policy the live approval decision was taken under' }) policy!: StandingPolicy | null;
  @ApiProperty({ type: [StandingReason] }) reasons!: StandingReason[];
}

class StandingHistoryRow {
  @ApiProperty({ type: 'integer', description: 'log position of the event that changed the judgement' }) position!: number;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ example: 'AchievementApproved' }) cause!: string;
  @ApiProperty({ type: StandingAtIssueWire }) standing!: StandingAtIssueWire;
}

export class CredentialStandingResponse {
  @ApiProperty({ format: 'uuid' }) credentialId!: string;
  @ApiProperty({ format: 'date-time' }) issuedAt!: string;
  @ApiProperty({ type: StandingAtIssueWire, description: 'the standing at issue as the ledger judges it now' }) standing!: StandingAtIssueWire;
  @ApiProperty({ type: [StandingHistoryRow], description: 'one row per change of judgement, oldest first' }) history!: StandingHistoryRow[];
  @ApiProperty({ type: 'integer' }) ledgerPosition!: number;
}

class DiscrepancySubjectWire {
  @ApiPropertyOptional({ format: 'uuid' }) credentialId?: string;
  @ApiPropertyOptional() providerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) achievementId?: string;
  @ApiPropertyOptional({ type: [String], format: 'uuid' }) learnerIds?: string[];
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'every credential named (duplicate-credential)' }) credentialIds?: string[];
}

export class DiscrepancyWire {
  @ApiProperty({ format: 'uuid' }) discrepancyId!: string;
  @ApiProperty({ enum: DISCREPANCY_KINDS }) kind!: string;
  @ApiProperty({ example: 'NZ' }) jurisdiction!: string;
  @ApiProperty({ enum: ['open', 'resolved'] }) status!: string;
  @ApiProperty({ type: DiscrepancySubjectWire }) subject!: DiscrepancySubjectWire;
  @ApiProperty({ type: [String] }) details!: string[];
  @ApiProperty({ format: 'date-time' }) raisedAt!: string;
  @ApiPropertyOptional({ enum: DISCREPANCY_RESOLUTIONS }) resolution?: string;
  @ApiPropertyOptional() resolutionReason?: string;
  @ApiPropertyOptional({ format: 'date-time' }) resolvedAt?: string;
}

export class DiscrepancyListResponse {
  @ApiProperty({ type: [DiscrepancyWire] }) items!: DiscrepancyWire[];
  @ApiPropertyOptional({ format: 'uuid', description: 'pass as `after` for the next page' }) next?: string;
  @ApiProperty({ type: 'integer' }) ledgerPosition!: number;
}

export class DiscrepancyResolutionResponse {
  @ApiProperty({ format: 'uuid' }) discrepancyId!: string;
  @ApiProperty({ enum: DISCREPANCY_RESOLUTIONS }) resolution!: string;
  @ApiProperty({ type: 'integer', description: 'log position of the DiscrepancyResolved event' }) position!: number;
}
