import { AnyEvent, LedgerEvent } from './events/ledger-event';

/** Who caused an event: a role plus the principal's id inside that role. */
export interface Actor {
  role: 'admin' | 'provider' | 'qa-body' | 'regulator' | 'partner' | 'learner' | 'system';
  id: string;
}

export type Channel = 'http' | 'kafka' | 'internal';

/** Metadata every event carries (docs/architecture.md, Events). */
export interface EventMetadata {
  eventId: string;
  actor: Actor;
  jurisdiction?: string;
  correlationId: string;
  causationId?: string;
  channel: Channel;
  sourceEventId?: string;
  /** When it happened at the source (ISO 8601). */
  occurredAt: string;
  /** When the ledger accepted it (ISO 8601). */
  recordedAt: string;
  /**
   * Keyed digest of the request that produced the event (HMAC under the ledger's secret,
   * so it reveals nothing of personal data in the request). An append that reuses the
   * event id with another fingerprint is refused instead of answered as a duplicate.
   */
  requestFingerprint?: string;
  /** Schema version of `data`; upcasters lift older versions on read. */
  schemaVersion?: number;
  /**
   * Set only when the request was signed with a key the provider never added or had revoked, and
   * the provider does not require signatures, so the ledger accepted it as it would an unsigned
   * one: the evidence behind an `unknown-signing-key` discrepancy. A key id is not personal data.
   */
  signature?: SignatureNote;
  /**
   * The signed submission this event came from, kept as evidence (`GET /v1/evidence/{bodyDigest}`):
   * the SHA-256 of the exact bytes signed (hex), the provider's key id and its Ed25519 signature
   * (base64url) over that digest. Anyone holding the provider's public key can check it.
   */
  evidence?: EvidenceLink;
}

/** A signed submission an event came from: digest of the exact body bytes, key id, signature. */
export interface EvidenceLink {
  bodyDigest: string;
  keyId: string;
  signature: string;
}

/** What the ledger found of a signature it could not vouch for. */
export interface SignatureNote {
  keyId: string;
  verdict: 'unknown-key' | 'revoked-key';
}

/** An event about to be appended: one of the union E (every ledger event by default) with its metadata. */
export type NewEvent<E extends AnyEvent = LedgerEvent> = E & { metadata: EventMetadata };

/**
 * An event as stored: the new event plus its place in its stream and in the global log.
 * Over the default union, `switch (event.type)` narrows `data` to the event's body.
 */
export type RecordedEvent<E extends AnyEvent = LedgerEvent> = E & {
  metadata: EventMetadata;
  streamId: string;
  /** 0-based revision inside the stream. */
  revision: number;
  /** Position in the global log: strictly increasing, not necessarily contiguous. */
  position: number;
};
