/**
 * A signed submission kept as evidence: the exact body a provider signed, sealed under a data key
 * of its own in the key vault (the body holds names and identifiers in clear), with the key id and
 * signature it came with. Keyed by (bodyDigest, providerId): the digest addresses the content.
 */
export interface StoredEvidence {
  /** SHA-256 of the exact body bytes, lower-case hex. */
  bodyDigest: string;
  providerId: string;
  keyId: string;
  /** Ed25519 over the 32-byte digest, base64url, as the provider sent it. */
  signature: string;
  receivedAt: string;
  /** The body sealed under the evidence key (EvidenceCipher); absent when that key was already destroyed (the learner erased). */
  sealedBody?: Buffer;
}

/**
 * Where evidence bodies are kept, outside the event log: a log entry cannot be deleted, a body
 * must become unreadable on erasure (its key is destroyed in the vault). Writes are durable
 * before they resolve and idempotent: the first row for a (digest, provider) is kept.
 */
export interface EvidenceStore {
  putMany(evidence: StoredEvidence[]): Promise<void>;
  /** Every row for the digest (one per provider that sent those bytes; almost always one). */
  get(bodyDigest: string): Promise<StoredEvidence[]>;
  close(): Promise<void>;
}

export const EVIDENCE_STORE = Symbol('EVIDENCE_STORE');
