import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CreditsRef, LevelRef } from '../events/common';
import { DiscrepancyWire, StandingAtIssueWire } from './discrepancies.responses';
import { VerifiedNormalisedResponse } from './records.responses';
import { StackProgressResponse } from './stacks.responses';

// What GET /v1/learners/{learnerId}/record answers (OpenAPI only; see providers.responses.ts).

export class RecordWorkloadBreakdownResponse {
  @ApiPropertyOptional() faceToFace?: number;
  @ApiPropertyOptional() synchronousOnline?: number;
  @ApiPropertyOptional() peer?: number;
  @ApiPropertyOptional() asynchronous?: number;
  @ApiPropertyOptional() assessment?: number;
}

export class RecordWorkloadResponse {
  @ApiProperty({ example: 150 }) hours!: number;
  @ApiPropertyOptional({ type: RecordWorkloadBreakdownResponse }) breakdown?: RecordWorkloadBreakdownResponse;
  @ApiPropertyOptional({ type: CreditsRef }) credits?: CreditsRef;
}

/** The achievement as declared in the revision in force when the credential was issued. */
export class RecordAchievementResponse {
  @ApiProperty({ format: 'uuid' }) achievementId!: string;
  @ApiPropertyOptional({ example: 'Data Literacy Foundations', description: 'absent when the log holds no definition of the achievement' }) title?: string;
  @ApiProperty({ example: 1, description: 'the achievement revision in force at issue (1 = its definition)' }) revision!: number;
  @ApiPropertyOptional({ type: LevelRef }) level?: LevelRef;
  @ApiPropertyOptional({ type: RecordWorkloadResponse }) workload?: RecordWorkloadResponse;
  @ApiPropertyOptional({ enum: ['online', 'onsite', 'blended'] }) participation?: string;
  @ApiPropertyOptional({ example: 'en' }) language?: string;
}

export class RecordCredentialResponse {
  @ApiProperty({ format: 'uuid' }) credentialId!: string;
  @ApiProperty({ example: 'CERT-2026-0001' }) credentialRef!: string;
  @ApiProperty({ example: 'uni-aotearoa' }) providerId!: string;
  @ApiPropertyOptional({ example: 'University of Aotearoa' }) providerName?: string;
  @ApiProperty({ example: 'NZ', description: "the provider's jurisdiction" }) jurisdiction!: string;
  @ApiProperty({ type: RecordAchievementResponse }) achievement!: RecordAchievementResponse;
  @ApiProperty({ example: '2026-03-01T00:00:00Z' }) issuedAt!: string;
  @ApiPropertyOptional({ example: '2028-03-01T00:00:00Z' }) validUntil?: string;
  @ApiPropertyOptional({ example: 'A' }) grade?: string;
  @ApiProperty({ enum: ['issued', 'suspended', 'revoked', 'expired'], description: 'as of asOf; a live credential whose validUntil has come by asOf is expired' }) status!: string;
  @ApiPropertyOptional({ example: 'issued in error', description: 'why the status last changed, where the event says' }) statusReason?: string;
  @ApiProperty({ type: StandingAtIssueWire, description: "quality-assured standing at issue, judged from the QA facts the ledger held at asOf" }) standing!: StandingAtIssueWire;
  @ApiProperty({ type: VerifiedNormalisedResponse, description: 'the achievement revision in force at issue on the EQF, in hours and in ECTS, beside the declared figures' }) normalised!: VerifiedNormalisedResponse;
}

/** One learner's record as the ledger knew it at `asOf`, computed from the log. */
export class LearnerRecordResponse {
  @ApiProperty({ format: 'uuid', description: 'the learner asked about' }) learnerId!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'present when the learner asked about was merged into another by asOf: the record is that one' }) answeredAs?: string;
  @ApiProperty({ example: '2026-04-01T08:00:00.000Z', description: 'the instant the record is as of (the request time when asOf is not given)' }) asOf!: string;
  @ApiProperty({ example: 42, description: 'the highest log position among the events the record was computed from' }) ledgerPosition!: number;
  @ApiPropertyOptional({ type: [String], description: 'learners merged into this record by asOf (their credentials are listed here)' }) mergedFrom?: string[];
  @ApiProperty({ type: [RecordCredentialResponse], description: 'the credentials the caller may see, by issuedAt then credentialId' }) credentials!: RecordCredentialResponse[];
  @ApiProperty({ type: [DiscrepancyWire], description: 'discrepancies open at asOf about the learner or the credentials listed' }) discrepancies!: DiscrepancyWire[];
  @ApiProperty({
    type: [StackProgressResponse],
    description: 'progress and eligibility at asOf towards every stack naming an achievement of the credentials listed, by the rule of GET /v1/learners/{learnerId}/stacks '
      + '(the same answer when asOf is now), from the credentials listed only: a regulator or provider sees the progress its own credentials make',
  }) stacks!: StackProgressResponse[];
  @ApiProperty({ description: 'the learner (or the one it answers as) was erased by asOf: its personal data was crypto-shredded; the record holds none anyway' }) erased!: boolean;
  @ApiPropertyOptional({ example: '2026-05-01T08:00:00.000Z', description: 'when the erasure was recorded; present when erased' }) erasedAt?: string;
}
