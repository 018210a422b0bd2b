import { v5 as uuidv5 } from 'uuid';
import { KeyVault } from '../key-vault.port';
import { open, seal } from '../wrap';

const EVIDENCE_KEY_NS = '9b3c7e10-4f6a-5d28-b1e4-7a0c2d9f6e35';

/**
 * Seals a signed submission's body under a data key of its own, in the same vault as the
 * learners' keys. The key id derives from the body digest alone, so whoever holds an event's
 * `metadata.evidence.bodyDigest` can name the key: erasing a learner destroys the keys of every
 * submission that produced one of their credentials' events, which shreds those bodies (and
 * with them the other learners of the same batch: a signature covers the whole body, so one
 * learner cannot be cut out of it without breaking it).
 */
export class EvidenceCipher {
  constructor(private readonly vault: KeyVault) {}

  static keyIdFor(bodyDigestHex: string): string {
    return uuidv5(`evidence\u0000${bodyDigestHex}`, EVIDENCE_KEY_NS);
  }

  /** undefined when the key was destroyed (a learner of this body was erased): the body is not kept. */
  async seal(bodyDigestHex: string, body: Buffer): Promise<Buffer | undefined> {
    const keyId = EvidenceCipher.keyIdFor(bodyDigestHex);
    const key = await this.vault.getOrCreate(keyId);
    return key && seal(key, body, keyId);
  }

  /** undefined once the key was destroyed. */
  async open(bodyDigestHex: string, sealed: Buffer): Promise<Buffer | undefined> {
    const keyId = EvidenceCipher.keyIdFor(bodyDigestHex);
    const key = await this.vault.get(keyId);
    return key && open(key, sealed, keyId);
  }
}
