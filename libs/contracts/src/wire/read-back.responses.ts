import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AccreditationResponse } from './qa.responses';
import { CredentialHistoryEntryResponse } from './records.responses';
import { AccreditationChangeResponse, AccreditationDecisionResponse } from './standing.responses';

// What the read-back routes answer (OpenAPI only; see providers.responses.ts).

const NEXT = { example: 'uni-aotearoa', description: 'pass as `after` for the next page; absent on the last page' };
const LEDGER_POSITION = { example: 42, description: 'log position the answer reflects' };

export class ProviderReadResponse {
  @ApiProperty({ example: 'uni-aotearoa' }) providerId!: string;
  @ApiProperty({ example: 'University of Aotearoa' }) name!: string;
  @ApiProperty({ example: 'NZ' }) jurisdiction!: string;
  @ApiProperty({ example: 'university' }) kind!: string;
  @ApiProperty(LEDGER_POSITION) ledgerPosition!: number;
}

export class ProviderSummaryResponse {
  @ApiProperty({ example: 'uni-aotearoa' }) providerId!: string;
  @ApiProperty({ example: 'University of Aotearoa' }) name!: string;
  @ApiProperty({ example: 'NZ' }) jurisdiction!: string;
  @ApiProperty({ example: 'university' }) kind!: string;
}

export class ProviderListResponse {
  @ApiProperty({ type: [ProviderSummaryResponse], description: 'ordered by providerId' }) items!: ProviderSummaryResponse[];
  @ApiPropertyOptional(NEXT) next?: string;
  @ApiProperty(LEDGER_POSITION) ledgerPosition!: number;
}

export class CredentialRecordResponse {
  @ApiProperty({ format: 'uuid' }) credentialId!: string;
  @ApiProperty({ example: 'CERT-2026-0001' }) credentialRef!: string;
  @ApiProperty({ example: 'uni-aotearoa' }) providerId!: string;
  @ApiProperty({ format: 'uuid' }) achievementId!: string;
  @ApiProperty({ enum: ['issued', 'suspended', 'revoked', 'expired'], description: 'as recorded; expired once CredentialExpired is written' }) status!: string;
  @ApiProperty({ example: '2026-03-01T00:00:00Z' }) issuedAt!: string;
  @ApiPropertyOptional({ example: '2028-03-01T00:00:00Z' }) validUntil?: string;
  @ApiPropertyOptional({ example: 'A' }) grade?: string;
  @ApiProperty({ example: '2026-03-01T00:00:00Z' }) statusChangedAt!: string;
  @ApiPropertyOptional({ example: 'issued in error' }) statusReason?: string;
  @ApiProperty({ example: '2026-03-01T00:00:01.234Z' }) recordedAt!: string;
  @ApiProperty({ type: [CredentialHistoryEntryResponse] }) history!: CredentialHistoryEntryResponse[];
}

export class CredentialReadResponse extends CredentialRecordResponse {
  @ApiProperty(LEDGER_POSITION) ledgerPosition!: number;
}

export class CredentialListResponse {
  @ApiProperty({ type: [CredentialRecordResponse], description: 'ordered by credentialId' }) items!: CredentialRecordResponse[];
  @ApiPropertyOptional({ format: 'uuid', description: NEXT.description }) next?: string;
  @ApiProperty(LEDGER_POSITION) ledgerPosition!: number;
}

export class QaBodySummaryResponse {
  @ApiProperty({ example: 'nzqa' }) qaBodyId!: string;
  @ApiProperty({ example: 'New Zealand Qualifications Authority' }) name!: string;
  @ApiProperty({ example: ['NZ'], type: [String] }) jurisdictions!: string[];
}

export class QaBodyListResponse {
  @ApiProperty({ type: [QaBodySummaryResponse], description: 'ordered by qaBodyId' }) items!: QaBodySummaryResponse[];
  @ApiProperty(LEDGER_POSITION) ledgerPosition!: number;
}

export class AccreditationRecordResponse extends AccreditationResponse {
  @ApiProperty({ type: AccreditationDecisionResponse }) decision!: AccreditationDecisionResponse;
  @ApiProperty({ type: [AccreditationChangeResponse] }) changes!: AccreditationChangeResponse[];
}

export class AccreditationListResponse {
  @ApiProperty({ type: [AccreditationRecordResponse], description: 'ordered by accreditationId' }) items!: AccreditationRecordResponse[];
  @ApiProperty(LEDGER_POSITION) ledgerPosition!: number;
}
