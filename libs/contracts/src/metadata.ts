import { Actor, Channel, EventMetadata, EvidenceLink, SignatureNote } from './envelope';

/** Who is asking, through which channel, as one request sees it. */
export interface RequestContext {
  actor: Actor;
  channel: Channel;
  correlationId: string;
  /** The ledger's clock for this request: becomes recordedAt. */
  now: string;
  /** A signature the ledger accepted without vouching for it (unknown or revoked key, signatures optional): noted on every event written. */
  signature?: SignatureNote;
  /** The signed submission the events come from, linked from each event's metadata. */
  evidence?: EvidenceLink;
}

export function buildMetadata(
  ctx: RequestContext,
  event: { eventId: string; jurisdiction?: string; sourceEventId?: string; occurredAt?: string; causationId?: string; correlationId?: string; requestFingerprint?: string },
): EventMetadata {
  return {
    eventId: event.eventId,
    actor: ctx.actor,
    ...(event.jurisdiction ? { jurisdiction: event.jurisdiction } : {}),
    correlationId: event.correlationId ?? ctx.correlationId,
    ...(event.causationId ? { causationId: event.causationId } : {}),
    channel: ctx.channel,
    ...(event.sourceEventId ? { sourceEventId: event.sourceEventId } : {}),
    occurredAt: event.occurredAt ?? ctx.now,
    recordedAt: ctx.now,
    ...(event.requestFingerprint ? { requestFingerprint: event.requestFingerprint } : {}),
    schemaVersion: 1,
    ...(ctx.signature ? { signature: { keyId: ctx.signature.keyId, verdict: ctx.signature.verdict } } : {}),
    ...(ctx.evidence ? { evidence: { bodyDigest: ctx.evidence.bodyDigest, keyId: ctx.evidence.keyId, signature: ctx.evidence.signature } } : {}),
  };
}
