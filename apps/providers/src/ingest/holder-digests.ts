import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { IdentifierDigester, randomHex, readOrCreateSecretFile } from '@app/auth';
import { IdentifierDigest } from '@app/contracts';
import { LEDGER_ENV, LedgerEnv } from '@app/platform';

/**
 * The ledger's identifier digester. The pepper comes from LEDGER_PEPPER, or on a single
 * machine from `$DATA_DIR/pepper.key` (created 0600 on first start). Every replica must
 * share one pepper, or the same learner would get different digests.
 */
@Injectable()
export class HolderDigests {
  private readonly digester: IdentifierDigester;

  constructor(@Inject(LEDGER_ENV) env: LedgerEnv) {
    const pepper = env.pepper ?? readOrCreateSecretFile(join(env.dataDir, 'pepper.key'), () => randomHex(32)).value;
    this.digester = new IdentifierDigester(Buffer.from(pepper, 'hex'));
  }

  digest(scheme: string, value: string): IdentifierDigest {
    return this.digester.digest(scheme, value);
  }
}
