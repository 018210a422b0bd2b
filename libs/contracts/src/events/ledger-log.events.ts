import { IsInt, IsString, Matches, MaxLength, Min, MinLength } from 'class-validator';

/**
 * The ledger signed a checkpoint of its verifiable log (stream `ledger-checkpoints`): the
 * C2SP tlog-checkpoint `note` (origin, tree size, root hash, Ed25519 signature of the ledger's
 * note key) over the first `treeSize` leaves. Appending it adds a leaf itself, so a checkpoint
 * never covers its own event: the next one does.
 */
export class LedgerCheckpointSigned {
  @IsString() @MinLength(1) @MaxLength(255) origin!: string;
  @IsInt() @Min(1) treeSize!: number;
  /** Base64 of the 32-byte RFC 9162 root hash of the first treeSize leaves. */
  @Matches(/^[A-Za-z0-9+/]{43}=$/) rootHash!: string;
  /** The signed note, exactly as GET /v1/ledger/checkpoint serves it. */
  @IsString() @MaxLength(4096) note!: string;
}
