import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { IdentifierDigest } from '@app/contracts';
import { readOrCreateSecretFile, randomHex } from '@app/ledger-crypto';
import { LEDGER_ENV, LedgerEnv, RequestValidationError } from '@app/platform';
import { IdentifierDigester, InvalidIdentifierError } from '@app/personal-data';

/**
 * The same keyed digests the ingest writes (same pepper, same IdentifierDigester, so the same
 * scheme normalisation), for looking learners up by what a person types. The values are
 * digested and dropped: never stored, logged or echoed in an error.
 */
@Injectable()
export class LearnerDigests {
  private readonly digester: IdentifierDigester;

  constructor(@Inject(LEDGER_ENV) env: LedgerEnv) {
    this.digester = new IdentifierDigester(Buffer.from(env.pepper ?? readOrCreateSecretFile(join(env.dataDir, 'pepper.key'), () => randomHex(32)).value, 'hex'));
  }

  /** A refused identifier is a 400 naming `identifiers[i].scheme` or `.value`, with the scheme's rule and no part of the value. */
  digestAll(identifiers: { scheme: string; value: string }[]): IdentifierDigest[] {
    return identifiers.map((id, i) => {
      try {
        return this.digester.digest(id.scheme, id.value);
      } catch (error) {
        if (error instanceof InvalidIdentifierError) throw new RequestValidationError([{ field: `identifiers[${i}].${error.field}`, message: error.message }]);
        throw error;
      }
    });
  }
}
