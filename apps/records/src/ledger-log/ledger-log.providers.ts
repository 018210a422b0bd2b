import { CheckpointSigner } from './checkpoint-signer';
import { LedgerProofs } from './ledger-proofs';
import { LedgerTreeProjection } from './tree.projection';

export { LedgerLogController } from './ledger-log.controller';

/** The verifiable log: the tree projection, the checkpoint signer and the proofs the routes and verification serve. */
export const LEDGER_LOG_PROVIDERS = [LedgerTreeProjection, CheckpointSigner, LedgerProofs];
