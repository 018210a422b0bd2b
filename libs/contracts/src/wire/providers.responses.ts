import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SpecWarning } from '../events/achievement.events';
import { KeyScope, ROLES } from '../events/common';

// What the provider-side routes answer. Classes only for the OpenAPI document: the
// controllers build these shapes, and test/openapi.e2e-spec.ts holds the two together.

/** Where an accepted write landed in the global log. */
export class WrittenResponse {
  @ApiProperty({ example: 42, description: 'position of the event in the global log; read models have caught up once their position reaches it' })
  position!: number;
}

export class ProviderRegisteredResponse extends WrittenResponse {
  @ApiProperty({ example: 'uni-aotearoa' }) providerId!: string;
}

export class ApiKeyIssuedResponse {
  @ApiProperty({ example: '3f9a0c1d2e4b5a6978877665', description: 'public id of the key (24 hex digits)' }) keyId!: string;
  @ApiProperty({ example: 'clk_3f9a0c1d2e4b5a6978877665_…', description: 'the key itself, shown only in this answer; the ledger keeps a hash' })
  apiKey!: string;
  @ApiProperty({ enum: ROLES }) role!: string;
  @ApiProperty({ type: KeyScope }) scope!: KeyScope;
}

export class ApiKeyRevokedResponse {
  @ApiProperty({ example: '3f9a0c1d2e4b5a6978877665' }) keyId!: string;
  @ApiProperty({ enum: ['revoked'] }) status!: string;
  @ApiProperty({ example: '2026-04-01T08:00:00.000Z' }) revokedAt!: string;
  @ApiPropertyOptional() reason?: string;
}

/** The new key of a rotation (shown once); the old one keeps working until `oldKeyValidUntil`. */
export class ApiKeyRotatedResponse extends ApiKeyIssuedResponse {
  @ApiProperty({ example: '3f9a0c1d2e4b5a6978877665', description: 'the key this one replaces' }) rotatedFrom!: string;
  @ApiProperty({ example: '2026-04-08T00:00:00.000Z' }) oldKeyValidUntil!: string;
}

/** A write on a provider's or an achievement's own stream. */
export class StreamWrittenResponse extends WrittenResponse {
  @ApiProperty({ example: 3, description: 'revision of the stream after the write' }) revision!: number;
}

export class SigningKeyAddedResponse extends StreamWrittenResponse {
  @ApiProperty({ example: 'uni-aotearoa' }) providerId!: string;
  @ApiProperty({ example: 'batch-2026-1' }) keyId!: string;
}

export class SigningKeyRevokedResponse extends SigningKeyAddedResponse {
  @ApiProperty({ example: true }) revoked!: boolean;
}

export class SigningPolicyResponse extends StreamWrittenResponse {
  @ApiProperty({ example: 'uni-aotearoa' }) providerId!: string;
  @ApiProperty() requireSignedBatches!: boolean;
}

const WARNINGS = { type: [SpecWarning] as [typeof SpecWarning], description: 'what a QA body will question (credits that disagree with the hours); recorded on the event, the write is not refused' };

export class AchievementDefinedResponse extends WrittenResponse {
  @ApiProperty({ format: 'uuid' }) achievementId!: string;
  @ApiProperty({ example: 'uni-aotearoa' }) providerId!: string;
  @ApiPropertyOptional(WARNINGS) warnings?: SpecWarning[];
}

export class AchievementRevisedResponse extends StreamWrittenResponse {
  @ApiProperty({ format: 'uuid' }) achievementId!: string;
  @ApiProperty({ example: 'uni-aotearoa' }) providerId!: string;
  @ApiPropertyOptional(WARNINGS) warnings?: SpecWarning[];
}

/** A revision: besides the stream's revision, the achievement's own (1 = the definition, +1 per revision), which approvals name. */
export class AchievementRevisionWrittenResponse extends AchievementRevisedResponse {
  @ApiProperty({ example: 2, description: "the achievement's revision number after this write, as approvals and GET /v1/achievements/{id} name it" }) achievementRevision!: number;
}

export class AchievementRetiredResponse extends StreamWrittenResponse {
  @ApiProperty({ format: 'uuid' }) achievementId!: string;
  @ApiProperty({ example: 'uni-aotearoa' }) providerId!: string;
  @ApiProperty({ example: true }) retired!: boolean;
}

/** Why one item of a batch was refused. */
export class ItemErrorResponse {
  @ApiProperty({ example: 'CREDENTIAL.ALREADY_REVOKED', description: 'stable code' }) code!: string;
  @ApiProperty({ example: 'the credential is already revoked' }) message!: string;
  @ApiPropertyOptional({ example: 'data.validUntil', description: 'the offending field of the item, when the refusal is about one' }) field?: string;
}

/** The outcome of one item, in the order of the request's items. */
export class ItemOutcomeResponse {
  @ApiProperty({ example: 0, description: 'position of the item in the request' }) index!: number;
  @ApiPropertyOptional({ example: 'evt-0001' }) sourceEventId?: string;
  @ApiProperty({ enum: ['accepted', 'duplicate', 'rejected'], description: '`duplicate`: this exact item was already applied; nothing new was written' })
  outcome!: 'accepted' | 'duplicate' | 'rejected';
  @ApiPropertyOptional({ format: 'uuid', description: 'accepted and duplicate: the id of the event in the ledger' }) eventId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'accepted and duplicate: the credential, derived from providerId and credentialRef' })
  credentialId?: string;
  @ApiPropertyOptional({ example: 0, description: 'accepted: revision of the credential stream' }) revision?: number;
  @ApiPropertyOptional({ example: 42, description: 'accepted: position in the global log' }) position?: number;
  @ApiPropertyOptional({ type: [ItemErrorResponse], description: 'rejected: every reason' }) errors?: ItemErrorResponse[];
}

export class BatchSummaryResponse {
  @ApiProperty({ example: 1 }) accepted!: number;
  @ApiProperty({ example: 0 }) duplicate!: number;
  @ApiProperty({ example: 0 }) rejected!: number;
}

/** 207 Multi-Status: each item is judged on its own, so one bad item never refuses the others. */
export class BatchOutcomeResponse {
  @ApiProperty({ type: [ItemOutcomeResponse] }) results!: ItemOutcomeResponse[];
  @ApiProperty({ type: BatchSummaryResponse }) summary!: BatchSummaryResponse;
}
