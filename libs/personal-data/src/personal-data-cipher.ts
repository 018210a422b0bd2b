import { DomainError, EncryptedPersonal, IdentifierDigest, nameBasedId, uuidNamespace } from '@app/contracts';
import { KeyVault } from './key-vault.port';
import { open, seal } from './wrap';

const LEARNER_KEY_NS = uuidNamespace('5d0e4c52-8b7f-5e21-a3c9-2f61b0d7e884');

export interface PersonalData {
  name?: string;
  birthDate?: string;
}

/**
 * Encrypts a holder's name and birth date under the learner's data key. The key id is
 * derived from the learner's first identifier digest, so one learner's credentials share
 * one key, and erasing the learner (destroying that key) shreds all of them.
 */
export class PersonalDataCipher {
  constructor(private readonly vault: KeyVault) {}

  static keyIdFor(digest: IdentifierDigest): string {
    return nameBasedId(`${digest.scheme}\u0000${digest.digest}`, LEARNER_KEY_NS);
  }

  async encrypt(subject: IdentifierDigest, data: PersonalData): Promise<EncryptedPersonal> {
    const keyId = PersonalDataCipher.keyIdFor(subject);
    const key = await this.vault.getOrCreate(keyId);
    if (!key) throw new PersonalDataErasedError();
    return { keyId, alg: 'A256GCM', ciphertext: seal(key, Buffer.from(JSON.stringify(data)), keyId).toString('base64url') };
  }

  /** undefined once the learner's key was destroyed. */
  async decrypt(personal: EncryptedPersonal): Promise<PersonalData | undefined> {
    const key = await this.vault.get(personal.keyId);
    if (!key) return undefined;
    return JSON.parse(open(key, Buffer.from(personal.ciphertext, 'base64url'), personal.keyId).toString()) as PersonalData;
  }
}

export class PersonalDataErasedError extends DomainError {
  constructor() {
    super('LEARNER.ERASED', 'the learner was erased: personal data can no longer be recorded for them');
  }
}
