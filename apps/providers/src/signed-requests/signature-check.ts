import { applyDecorators } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { isSigningKeyId, LedgerError, SIGNING_KEY_ID_RULE, SignatureNote } from '@app/contracts';
import { bodyDigest, signatureValid } from '@app/ledger-crypto';
import { ProviderState } from '../provider/provider.state';
import { SIGNATURE_HEADER, SIGNATURE_KEY_HEADER, SignedRequest } from './signed-request';

export interface PresentedSignature {
  keyId?: string;
  signature?: string;
  /** SHA-256 of the exact bytes that were signed (the HTTP body, or a Kafka message value). */
  digest?: Buffer;
  /** The exact bytes signed, kept as evidence once the signature passed (see EvidenceRecorder). */
  body?: Buffer;
}

export class SignatureError extends LedgerError {}

/**
 * Checks a batch against the provider's signing keys: a signature, when present, must be
 * valid under an active key; when the provider requires signatures, one must be present.
 * Throws a SignatureError (403) that rejects the whole batch. Every write channel a
 * provider has — event batches, bulk actions, Kafka messages — is checked here.
 *
 * With `noteUnknownKeys` (credential events, over HTTP and Kafka alike), a signature under a key
 * the provider never added or had revoked is not refused when the provider does not require
 * signatures — the batch would be accepted unsigned anyway — but answered as a note that the
 * ingest writes on each event's metadata, from which records raises `unknown-signing-key`. A
 * provider that requires signatures still has such a batch refused, and a signature that does
 * not match the body under a known, active key is always refused (the bytes were changed).
 */
export function checkSignature(provider: ProviderState, presented: PresentedSignature, options: { noteUnknownKeys?: boolean } = {}): SignatureNote | undefined {
  const { keyId, signature, digest } = presented;
  if (!signature && !keyId) {
    if (provider.requireSignedBatches) throw new SignatureError('SIGNATURE.REQUIRED', `this provider requires signed requests: send ${SIGNATURE_KEY_HEADER} and ${SIGNATURE_HEADER}`);
    return undefined;
  }
  if (!signature || !keyId || !digest) throw new SignatureError('SIGNATURE.INCOMPLETE', `send both ${SIGNATURE_KEY_HEADER} and ${SIGNATURE_HEADER}`);
  if (!isSigningKeyId(keyId)) throw new SignatureError('SIGNATURE.UNKNOWN_KEY', `${SIGNATURE_KEY_HEADER} must be ${SIGNING_KEY_ID_RULE}`);
  const note = options.noteUnknownKeys && !provider.requireSignedBatches;
  const key = provider.signingKeys?.[keyId];
  if (!key) {
    if (note) return { keyId, verdict: 'unknown-key' };
    throw new SignatureError('SIGNATURE.UNKNOWN_KEY', 'no signing key with this id was added for this provider');
  }
  if (key.revoked) {
    if (note) return { keyId, verdict: 'revoked-key' };
    throw new SignatureError('SIGNATURE.KEY_REVOKED', 'the signing key was revoked');
  }
  if (!signatureValid(key.jwk, digest, signature)) throw new SignatureError('SIGNATURE.INVALID', 'the signature does not match the body (Ed25519 over SHA-256 of the exact body bytes)');
  return undefined;
}

/** The signature an HTTP request presents: its two headers and the digest of its raw body (see captureBodyDigest). */
export function signatureOf(req: SignedRequest): PresentedSignature {
  return { keyId: req.header(SIGNATURE_KEY_HEADER), signature: req.header(SIGNATURE_HEADER), digest: req.bodyDigest, body: req.signedBody };
}

/**
 * The signature a Kafka message presents: the same two headers, over the exact bytes of its
 * value. An unsigned message (neither header) presents nothing to check or keep, so its
 * value is neither copied nor digested.
 */
export function signatureOfMessage(headers: Record<string, string | undefined>, value: Buffer | string): PresentedSignature {
  const keyId = headers[SIGNATURE_KEY_HEADER];
  const signature = headers[SIGNATURE_HEADER];
  if (!keyId && !signature) return { keyId, signature };
  const body = Buffer.isBuffer(value) ? value : Buffer.from(value, 'utf8');
  return { keyId, signature, digest: bodyDigest(body), body };
}

/** Documents the signature headers on a signed write route. */
export function ApiSignatureHeaders() {
  return applyDecorators(
    ApiHeader({ name: SIGNATURE_KEY_HEADER, required: false, description: 'id of the signing key (required with a signature, and always when the provider requires signed requests)' }),
    ApiHeader({ name: SIGNATURE_HEADER, required: false, description: 'Ed25519 signature over SHA-256 of the exact body bytes, base64url' }),
  );
}
