import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AccreditationScope } from '../events/qa.events';

// What GET /v1/providers/{id}/standing answers (OpenAPI only; see providers.responses.ts).

const STANDING_STATUSES = ['active', 'suspended', 'withdrawn', 'not-yet-valid', 'expired'];

export class ActorResponse {
  @ApiProperty({ enum: ['admin', 'provider', 'qa-body', 'regulator', 'partner', 'learner', 'system'] }) role!: string;
  @ApiPropertyOptional({ description: 'who acted, within the role' }) id?: string;
}

/** The event that granted an accreditation: what a standing answer cites. */
export class AccreditationDecisionResponse {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: 42 }) position!: number;
  @ApiProperty({ example: '2026-02-20T09:00:00.000Z' }) recordedAt!: string;
  @ApiProperty({ type: ActorResponse }) actor!: ActorResponse;
}

export class AccreditationChangeResponse {
  @ApiProperty({ enum: ['AccreditationSuspended', 'AccreditationReinstated', 'AccreditationWithdrawn'] }) type!: string;
  @ApiProperty({ example: '2026-05-15T00:00:00Z' }) effectiveFrom!: string;
  @ApiPropertyOptional() reason?: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: 57 }) position!: number;
  @ApiProperty({ example: '2026-05-14T10:00:00.000Z' }) recordedAt!: string;
}

/** An accreditation that grants the standing asked about. */
export class AccreditedByResponse {
  @ApiProperty({ format: 'uuid' }) accreditationId!: string;
  @ApiProperty({ example: 'nzqa' }) qaBodyId!: string;
  @ApiPropertyOptional({ example: 'New Zealand Qualifications Authority' }) qaBodyName?: string;
  @ApiProperty({ type: AccreditationScope }) scope!: AccreditationScope;
  @ApiProperty({ example: '2026-03-01T00:00:00Z' }) validFrom!: string;
  @ApiProperty({ example: '2026-07-01T00:00:00Z' }) validUntil!: string;
  @ApiPropertyOptional({ example: 'board-2026-02' }) decisionRef?: string;
  @ApiProperty({ type: AccreditationDecisionResponse }) decision!: AccreditationDecisionResponse;
}

/** Every accreditation of the provider, judged against the question. */
export class AccreditationJudgedResponse {
  @ApiProperty({ format: 'uuid' }) accreditationId!: string;
  @ApiProperty({ example: 'nzqa' }) qaBodyId!: string;
  @ApiProperty({ enum: STANDING_STATUSES, description: 'its status on the date asked about' }) status!: string;
  @ApiProperty({ description: 'whether the level (and field) asked about is inside its scope' }) inScope!: boolean;
  @ApiProperty({ type: [String], description: 'why it does not accredit the provider for the question; empty when it does' }) reasons!: string[];
  @ApiProperty({ example: '2026-03-01T00:00:00Z' }) validFrom!: string;
  @ApiProperty({ example: '2026-07-01T00:00:00Z' }) validUntil!: string;
  @ApiProperty({ type: AccreditationScope }) scope!: AccreditationScope;
  @ApiProperty({ type: [AccreditationChangeResponse] }) changes!: AccreditationChangeResponse[];
}

/** The achievement's approval for the revision in force on the date (asked with ?achievementId=). */
export class ApprovalStandingResponse {
  @ApiProperty({ format: 'uuid' }) achievementId!: string;
  @ApiProperty({ example: 'NZ', description: "the provider's jurisdiction" }) jurisdiction!: string;
  @ApiPropertyOptional({ example: 2, description: 'the achievement revision in force on the date' }) revision?: number;
  @ApiProperty() approved!: boolean;
  @ApiPropertyOptional({ example: 1, description: 'the revision the live decision judged' }) decidedRevision?: number;
  @ApiProperty({ type: [String], enum: ['achievement-not-defined', 'not-approved', 'approval-declined', 'approval-withdrawn', 'revision-not-approved'], description: 'why not approved; empty when approved' })
  reasons!: string[];
}

export class StandingResponse {
  @ApiProperty({ example: 'uni-aotearoa' }) providerId!: string;
  @ApiProperty({ example: '2026-03-01T00:00:00Z', description: 'the instant asked about' }) date!: string;
  @ApiPropertyOptional({ example: 'NZQCF' }) framework?: string;
  @ApiPropertyOptional({ example: 5 }) level?: number;
  @ApiPropertyOptional({ example: '0613' }) field?: string;
  @ApiProperty({ description: 'accredited on that date for that level (and field) by at least one accreditation' }) accredited!: boolean;
  @ApiProperty({ type: [AccreditedByResponse] }) accreditedBy!: AccreditedByResponse[];
  @ApiProperty({ type: [AccreditationJudgedResponse] }) accreditations!: AccreditationJudgedResponse[];
  @ApiPropertyOptional({ type: ApprovalStandingResponse }) approval?: ApprovalStandingResponse;
  @ApiProperty({ example: 42, description: 'log position the answer reflects (the read model follows the log)' }) ledgerPosition!: number;
}
