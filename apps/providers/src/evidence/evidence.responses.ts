import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class EvidenceResponse {
  @ApiProperty({ description: 'SHA-256 of the exact body bytes, lower-case hex' }) bodyDigest!: string;
  @ApiProperty({ example: 'uni-auckland' }) providerId!: string;
  @ApiProperty({ description: "the provider's signing key id (GET /v1/providers/{providerId}/signing-keys has its public key)" }) keyId!: string;
  @ApiProperty({ description: 'Ed25519 signature over the 32-byte SHA-256 of the body, base64url, as the provider sent it' }) signature!: string;
  @ApiProperty({ example: '2026-11-29T10:00:00.000Z', description: 'when the ledger received it' }) receivedAt!: string;
  @ApiProperty({ type: String, nullable: true, description: 'the exact body bytes, base64; null once a learner it names was erased (its key destroyed): the digest and signature still verify' })
  body!: string | null;
  @ApiPropertyOptional({ description: 'true when the body was shredded by an erasure' }) erased?: boolean;
}
