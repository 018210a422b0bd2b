import type { IncomingMessage } from 'node:http';
import type { Request } from 'express';
import { bodyDigest } from '@app/ledger-crypto';

// Ed25519 signatures are public values (anyone holding the provider's public key can check
// one, nobody can derive a signing key from it), so these headers are not redacted from logs.
export const SIGNATURE_HEADER = 'ledger-signature';
export const SIGNATURE_KEY_HEADER = 'ledger-signature-key-id';

/** A request whose raw body digest (and bytes, kept as evidence) were taken while it was parsed, when it came signed. */
export type SignedRequest = Request & { bodyDigest?: Buffer; signedBody?: Buffer };

/**
 * Body-parser tap: a signed batch is checked against the exact bytes received, which are gone
 * once the JSON is parsed, so their digest is kept on the request, and the bytes themselves, which
 * the ledger keeps as evidence of what the provider signed. Unsigned requests pay nothing.
 */
export function captureBodyDigest(req: IncomingMessage, body: Buffer): void {
  if (!req.headers[SIGNATURE_HEADER]) return;
  const signed = req as IncomingMessage & { bodyDigest?: Buffer; signedBody?: Buffer };
  signed.bodyDigest = bodyDigest(body);
  signed.signedBody = body;
}
