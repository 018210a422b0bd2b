import { ApiProperty } from '@nestjs/swagger';

/** A signed checkpoint as POST /v1/ledger/checkpoints answers it (the body of LedgerCheckpointSigned). */
export class CheckpointResponse {
  @ApiProperty({ example: 'credential-ledger.local/ledger-1' }) origin!: string;
  @ApiProperty({ example: 1000 }) treeSize!: number;
  @ApiProperty({ description: 'base64 RFC 9162 root hash of the first treeSize leaves' }) rootHash!: string;
  @ApiProperty({ description: 'the C2SP tlog-checkpoint signed note' }) note!: string;
}

export class InclusionProofAnswer {
  @ApiProperty({ example: 41 }) leafIndex!: number;
  @ApiProperty({ example: 1000 }) treeSize!: number;
  @ApiProperty({ description: 'base64 SHA-256(0x00 ‖ leaf input)' }) leafHash!: string;
  @ApiProperty({ type: [String], description: 'base64 audit path (RFC 9162 §2.1.3.1)' }) hashes!: string[];
  @ApiProperty({ description: 'base64 root of the checkpoint' }) rootHash!: string;
  @ApiProperty({ description: 'the signed checkpoint of treeSize the proof was verified against' }) checkpoint!: string;
}

export class ConsistencyProofAnswer {
  @ApiProperty({ example: 500 }) from!: number;
  @ApiProperty({ example: 1000 }) to!: number;
  @ApiProperty({ description: 'base64 root of the first `from` leaves' }) fromRootHash!: string;
  @ApiProperty({ description: 'base64 root of the checkpoint of `to`' }) toRootHash!: string;
  @ApiProperty({ type: [String], description: 'base64 consistency proof (RFC 9162 §2.1.4.1)' }) hashes!: string[];
  @ApiProperty({ description: 'the signed checkpoint of `to`' }) checkpoint!: string;
}

export const TEXT_CONTENT = { 'text/plain': { schema: { type: 'string' } } };
export const BINARY_CONTENT = { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } };
