import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CreditsRef, LevelRef } from '../events/common';
import { StandingAtIssueWire } from './discrepancies.responses';

// What the records routes answer (OpenAPI only; see providers.responses.ts).

export class IssuerResponse {
  @ApiProperty({ example: 'uni-aotearoa' }) providerId!: string;
  @ApiPropertyOptional({ example: 'University of Aotearoa' }) name?: string;
  @ApiPropertyOptional({ example: 'NZ' }) jurisdiction?: string;
  @ApiPropertyOptional({ example: 'university' }) kind?: string;
}

export class VerifiedWorkloadResponse {
  @ApiProperty({ example: 150 }) hours!: number;
  @ApiPropertyOptional({ type: CreditsRef }) credits?: CreditsRef;
}

export class VerifiedAchievementResponse {
  @ApiProperty({ format: 'uuid' }) achievementId!: string;
  @ApiPropertyOptional({ example: 'uni-aotearoa' }) providerId?: string;
  @ApiPropertyOptional({ example: 'Data Literacy Foundations' }) title?: string;
  @ApiPropertyOptional({ type: LevelRef }) level?: LevelRef;
  @ApiPropertyOptional({ type: VerifiedWorkloadResponse }) workload?: VerifiedWorkloadResponse;
  @ApiPropertyOptional({ example: 'en' }) language?: string;
  @ApiPropertyOptional({ enum: ['online', 'onsite', 'blended'] }) participation?: string;
  @ApiPropertyOptional() retired?: boolean;
  @ApiPropertyOptional({ example: 1, description: 'the achievement revision in force when the credential was issued; the fields above are of that revision' }) revision?: number;
  @ApiPropertyOptional({ example: 2, description: 'the achievement revision now current' }) currentRevision?: number;
}

export class CredentialHistoryEntryResponse {
  @ApiProperty({ example: 'CredentialIssued' }) type!: string;
  @ApiProperty({ example: '2026-03-01T00:00:00Z', description: 'when it happened at the provider' }) occurredAt!: string;
  @ApiProperty({ example: '2026-03-01T00:00:01.234Z', description: 'when the ledger recorded it' }) recordedAt!: string;
  @ApiProperty({ example: 42 }) position!: number;
  @ApiPropertyOptional() reason?: string;
}

/** The declared level on the EQF (reference/levels.json); `level: null` is an answer, not an error. */
export class NormalisedLevelResponse {
  @ApiProperty({ type: 'integer', nullable: true, example: 5, description: 'null when no level is declared or none is comparable' }) level!: number | null;
  @ApiPropertyOptional({ enum: [true], description: 'the reference data finds no single comparable EQF level (e.g. NZQCF 8, AQF 8)' }) notComparable?: true;
  @ApiPropertyOptional({ example: 'the NZQF-EQF comparability report found no EQF level comparable to NZQCF level 8' }) reason?: string;
  @ApiPropertyOptional({ enum: ['unconfirmed'], description: 'present where the referencing is not yet confirmed (AQF)' }) status?: string;
  @ApiProperty({ example: 'NZQF-EQF comparability report 2016/17' }) basis!: string;
  @ApiPropertyOptional({ description: 'the report the referencing rests on' }) source?: string;
}

/** A range derived from the declared workload (reference/credits.json): arithmetic on hours, not an official equivalence. */
export class NormalisedRangeResponse {
  @ApiProperty({ type: 'number', nullable: true, example: 125 }) min!: number | null;
  @ApiProperty({ type: 'number', nullable: true, example: 150 }) max!: number | null;
  @ApiProperty({ example: 'declared', description: 'declared; credits:<system> (hours from credits); hours (ECTS from hours at 25-30 h each); none' }) basis!: string;
  @ApiPropertyOptional() source?: string;
}

/** Figures for cross-border use, beside the declared ones and never instead of them. */
export class VerifiedNormalisedResponse {
  @ApiProperty({ type: NormalisedLevelResponse }) eqf!: NormalisedLevelResponse;
  @ApiProperty({ type: NormalisedRangeResponse }) hours!: NormalisedRangeResponse;
  @ApiProperty({ type: NormalisedRangeResponse }) ects!: NormalisedRangeResponse;
}

const ABSENT_WHEN_UNKNOWN = 'absent when status is unknown because the read model holds no record of the credential yet';

/** RFC 9162 inclusion proof of one event in the verifiable log, against a signed checkpoint (GET /v1/ledger/checkpoint). */
export class InclusionProofResponse {
  @ApiProperty({ example: 41, description: 'leaf index: the event is the leafIndex-th of the global log, from 0' }) leafIndex!: number;
  @ApiProperty({ example: 1000, description: 'size of the checkpoint the proof is against' }) treeSize!: number;
  @ApiProperty({ description: 'base64 SHA-256(0x00 ‖ leaf input)' }) leafHash!: string;
  @ApiProperty({ type: [String], description: 'base64 audit path, RFC 9162 §2.1.3' }) hashes!: string[];
  @ApiProperty({ description: 'base64 root hash of the checkpoint' }) rootHash!: string;
  @ApiProperty({ description: 'the signed checkpoint note (C2SP tlog-checkpoint) of treeSize' }) checkpoint!: string;
}

export class VerificationResponse {
  @ApiProperty({ format: 'uuid' }) credentialId!: string;
  @ApiPropertyOptional({ example: 'CERT-2026-0001', description: ABSENT_WHEN_UNKNOWN }) credentialRef?: string;
  @ApiProperty({
    enum: ['issued', 'suspended', 'revoked', 'expired', 'unknown'],
    description: 'unknown whenever the read model cannot vouch for the credential: the log holds events of it the records projection has not applied yet or has parked. A credential id the log has never seen is 404, not unknown.',
  }) status!: string;
  @ApiProperty({ description: 'true only while issued and not expired; false whenever status is unknown' }) valid!: boolean;
  @ApiPropertyOptional({ enum: ['not-projected', 'projection-behind', 'event-parked'], description: 'why status is unknown' }) unknownReason?: string;
  @ApiPropertyOptional({ type: IssuerResponse, description: ABSENT_WHEN_UNKNOWN }) provider?: IssuerResponse;
  @ApiPropertyOptional({ type: VerifiedAchievementResponse, description: `the declared specification in force at issue; ${ABSENT_WHEN_UNKNOWN}` }) achievement?: VerifiedAchievementResponse;
  @ApiPropertyOptional({ type: VerifiedNormalisedResponse, description: 'the achievement revision in force at issue on the EQF, in hours and in ECTS, beside the declared figures' }) normalised?: VerifiedNormalisedResponse;
  @ApiPropertyOptional({ type: StandingAtIssueWire, description: "quality-assured standing at issue: the provider's accreditation and the achievement's approval as they stood on issuedAt (absent until the standing projection has judged it)" }) standing?: StandingAtIssueWire;
  @ApiPropertyOptional({ example: '2026-03-01T00:00:00Z', description: ABSENT_WHEN_UNKNOWN }) issuedAt?: string;
  @ApiPropertyOptional({ example: '2028-03-01T00:00:00Z' }) validUntil?: string;
  @ApiPropertyOptional({ example: 'A' }) grade?: string;
  @ApiPropertyOptional({ example: '2026-03-01T00:00:00Z', description: ABSENT_WHEN_UNKNOWN }) statusChangedAt?: string;
  @ApiPropertyOptional({ example: 'issued in error' }) statusReason?: string;
  @ApiPropertyOptional({ example: '2026-03-01T00:00:01.234Z', description: ABSENT_WHEN_UNKNOWN }) recordedAt?: string;
  @ApiPropertyOptional({ type: [CredentialHistoryEntryResponse], description: ABSENT_WHEN_UNKNOWN }) history?: CredentialHistoryEntryResponse[];
  @ApiProperty({ example: '2026-04-01T08:00:00.000Z', description: 'when this answer was computed' }) checkedAt!: string;
  @ApiProperty({ example: 42, description: 'log position the answer reflects' }) ledgerPosition!: number;
  @ApiPropertyOptional({ type: InclusionProofResponse, nullable: true, description: "inclusion proof of the credential's latest event against the latest signed checkpoint; null (with inclusionProofReason) until a checkpoint covers it" })
  inclusionProof?: InclusionProofResponse | null;
  @ApiPropertyOptional({ example: 'the latest checkpoint (tree size 40) does not cover leaf 41 yet' }) inclusionProofReason?: string;
}

export class LastParkedResponse {
  @ApiProperty({ example: 42 }) position!: number;
  @ApiProperty({ example: 'CredentialIssued' }) type!: string;
  @ApiProperty({ example: 'RangeError: Invalid time value' }) error!: string;
  @ApiProperty({ example: '2026-04-01T08:00:00.000Z' }) at!: string;
}

/** One projection of a group. */
export class ProjectionStatusResponse {
  @ApiProperty({ example: 'providers.expiry-schedule' }) name!: string;
  @ApiProperty({ example: 42 }) checkpoint!: number;
  @ApiProperty({ example: 0, description: 'events it could not apply and set aside' }) parked!: number;
  @ApiPropertyOptional({ type: LastParkedResponse }) lastParked?: LastParkedResponse;
}

export class LastErrorResponse {
  @ApiProperty({ example: 'the read store is unavailable' }) message!: string;
  @ApiProperty({ example: '2026-04-01T08:00:00.000Z' }) at!: string;
}

/** A group of projections fed by one subscription to the log. */
export class ProjectionGroupStatusResponse {
  @ApiProperty({ example: 'records' }) group!: string;
  @ApiProperty({ enum: ['starting', 'catching-up', 'live', 'stuck'] }) state!: string;
  @ApiProperty({ example: 42 }) position!: number;
  @ApiProperty({ example: 42 }) head!: number;
  @ApiProperty({ example: 0 }) lag!: number;
  @ApiProperty({ example: 0, description: 'consecutive failed attempts at the current batch' }) failures!: number;
  @ApiPropertyOptional({ type: LastErrorResponse }) lastError?: LastErrorResponse;
  @ApiProperty({ type: [ProjectionStatusResponse] }) projections!: ProjectionStatusResponse[];
}

export class ProjectionsStatusResponse {
  @ApiProperty({ example: 42, description: 'position of the last event in the log' }) head!: number;
  @ApiProperty({ example: 42, description: 'position the read models have caught up to' }) position!: number;
  @ApiProperty({ example: 0, description: 'events not yet projected' }) lag!: number;
  @ApiPropertyOptional({ example: 0, description: 'events set aside because a projection could not apply them' }) parked?: number;
  @ApiPropertyOptional({ type: [ProjectionGroupStatusResponse], description: 'per group of projections' }) groups?: ProjectionGroupStatusResponse[];
}

/** An event a projection could not apply: where it is and why, never its data. */
export class ParkedEventResponse {
  @ApiProperty({ example: 'providers.expiry-schedule' }) projection!: string;
  @ApiProperty({ example: 42 }) position!: number;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: 'CredentialIssued' }) type!: string;
  @ApiProperty({ example: 'RangeError: Invalid time value' }) error!: string;
  @ApiProperty({ example: '2026-04-01T08:00:00.000Z' }) parkedAt!: string;
}

export class ParkedEventsResponse {
  @ApiProperty({ type: [ParkedEventResponse] }) parked!: ParkedEventResponse[];
}
