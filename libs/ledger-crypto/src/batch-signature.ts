import { createPublicKey, KeyObject, verify } from 'node:crypto';
import { Ed25519Jwk } from '@app/contracts';

const keys = new Map<string, KeyObject>();

/** Imports an Ed25519 JWK; undefined when it is not a usable public key. */
export function importEd25519(jwk: Ed25519Jwk): KeyObject | undefined {
  const cached = keys.get(jwk.x);
  if (cached) return cached;
  try {
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' });
    keys.set(jwk.x, key);
    return key;
  } catch {
    return undefined;
  }
}

/** Ed25519 over SHA-256(body): one verification per batch keeps signed ingest fast (an Ed25519 check costs ~0.2 ms: one per event would cap ingest). */
export function signatureValid(jwk: Ed25519Jwk, digest: Buffer, signature: string): boolean {
  const key = importEd25519(jwk);
  const bytes = decodeSignature(signature);
  if (!key || !bytes) return false;
  try {
    return verify(null, digest, key, bytes);
  } catch {
    return false;
  }
}

function decodeSignature(signature: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/_-]{86}={0,2}$/.test(signature)) return undefined;
  const bytes = Buffer.from(signature.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return bytes.length === 64 ? bytes : undefined;
}
