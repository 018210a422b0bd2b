import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CreditsRef, LevelRef } from '../events/common';

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

export class VerificationResponse {
  @ApiProperty({ format: 'uuid' }) credentialId!: string;
  @ApiProperty({ example: 'CERT-2026-0001' }) credentialRef!: string;
  @ApiProperty({ enum: ['issued', 'suspended', 'revoked', 'expired'] }) status!: string;
  @ApiProperty({ description: 'true only while issued and not expired' }) valid!: boolean;
  @ApiProperty({ type: IssuerResponse }) provider!: IssuerResponse;
  @ApiProperty({ type: VerifiedAchievementResponse }) achievement!: VerifiedAchievementResponse;
  @ApiProperty({ example: '2026-03-01T00:00:00Z' }) issuedAt!: string;
  @ApiPropertyOptional({ example: '2028-03-01T00:00:00Z' }) validUntil?: string;
  @ApiPropertyOptional({ example: 'A' }) grade?: string;
  @ApiProperty({ example: '2026-03-01T00:00:00Z' }) statusChangedAt!: string;
  @ApiPropertyOptional({ example: 'issued in error' }) statusReason?: string;
  @ApiProperty({ example: '2026-03-01T00:00:01.234Z' }) recordedAt!: string;
  @ApiProperty({ type: [CredentialHistoryEntryResponse] }) history!: CredentialHistoryEntryResponse[];
  @ApiProperty({ example: '2026-04-01T08:00:00.000Z', description: 'when this answer was computed' }) checkedAt!: string;
  @ApiProperty({ example: 42, description: 'log position the answer reflects' }) ledgerPosition!: number;
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
