import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { IdentifierDigest } from '@app/contracts';
import { LEDGER_ENV, LedgerEnv } from '@app/platform';
import { IdentifierDigester } from '@app/personal-data';
import { canonicalJson, randomHex, readOrCreateSecretFile } from '@app/ledger-crypto';

/**
 * The ledger's keyed digests of what providers send: learner identifiers, and the
 * fingerprint of each request (so a resent id can be told from a reused one). The pepper
 * comes from LEDGER_PEPPER, or on a single machine from `$DATA_DIR/pepper.key` (created
 * 0600 on first start). Every replica must share one pepper, or the same learner would get
 * different digests and a resend would look like a reuse.
 */
@Injectable()
export class HolderDigests {
  private readonly digester: IdentifierDigester;
  private readonly fingerprintKey: Buffer;

  constructor(@Inject(LEDGER_ENV) env: LedgerEnv) {
    const pepper = Buffer.from(env.pepper ?? readOrCreateSecretFile(join(env.dataDir, 'pepper.key'), () => randomHex(32)).value, 'hex');
    this.digester = new IdentifierDigester(pepper);
    // A key of its own, derived from the pepper: a fingerprint can never equal an identifier digest.
    this.fingerprintKey = createHmac('sha256', pepper).update('credential-ledger/request-fingerprint/v1').digest();
  }

  /**
   * The value is normalised by its scheme before it is digested (IdentifierDigester):
   * ingest validation has already refused unknown schemes and malformed values by then.
   */
  digest(scheme: string, value: string): IdentifierDigest {
    return this.digester.digest(scheme, value);
  }

  /**
   * HMAC-SHA-256 over the canonical JSON of a request as validated. Keyed, because the
   * request holds learner identifiers, names and birth dates: a plain hash of it could be
   * confirmed by guessing them, this one only with the server's secret.
   */
  fingerprint(request: unknown): string {
    return createHmac('sha256', this.fingerprintKey).update(canonicalJson(request)).digest('base64url');
  }
}
