/**
 * Holds the per-learner data keys that encrypt personal data, outside the event log.
 * Destroying a key makes every ciphertext under it unreadable (crypto-shredding).
 */
export interface KeyVault {
  /** The key with this id, created on first use; undefined when it was destroyed. */
  getOrCreate(keyId: string): Promise<Buffer | undefined>;
  get(keyId: string): Promise<Buffer | undefined>;
  /** Whether the vault holds this key, destroyed it, or never had it (erasure checks it opened the vault that sealed the data). */
  status(keyId: string): Promise<'live' | 'destroyed' | 'absent'>;
  /** Irreversible; a destroyed id is never recreated. */
  destroy(keyId: string): Promise<void>;
  /** Removes what is left of destroyed keys in the vault's storage (logs, free pages), where it can. */
  purge(): Promise<void>;
  close(): Promise<void>;
}

export const KEY_VAULT = Symbol('KEY_VAULT');
