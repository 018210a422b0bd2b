import { join } from 'node:path';
import { Provider } from '@nestjs/common';
import { EVIDENCE_STORE, EvidenceCipher, KEY_VAULT, KeyVault, openEvidenceStore } from '@app/personal-data';
import { LEDGER_ENV, LedgerEnv } from '@app/platform';
import { EvidenceRecorder } from './evidence-recorder';
import { GetEvidenceHandler } from './get-evidence.handler';

/** The evidence store (`$DATA_DIR/evidence.db`), its cipher over the key vault, the recorder and the read. */
export const EVIDENCE_PROVIDERS: Provider[] = [
  { provide: EVIDENCE_STORE, inject: [LEDGER_ENV], useFactory: (env: LedgerEnv) => openEvidenceStore(`sqlite:${join(env.dataDir, 'evidence.db')}`) },
  { provide: EvidenceCipher, inject: [KEY_VAULT], useFactory: (vault: KeyVault) => new EvidenceCipher(vault) },
  EvidenceRecorder,
  GetEvidenceHandler,
];
