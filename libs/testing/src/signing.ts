import { createHash, generateKeyPairSync, KeyObject, sign } from 'node:crypto';

/** An Ed25519 key pair as a provider would hold it: the public half as a JWK to register. */
export function ed25519KeyPair(): { privateKey: KeyObject; publicKeyJwk: { kty: 'OKP'; crv: 'Ed25519'; x: string } } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' }) as { x: string };
  return { privateKey, publicKeyJwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x } };
}

/** The batch signature: Ed25519 over SHA-256 of the exact body bytes, base64url. */
export function signBody(body: string | Buffer, privateKey: KeyObject): string {
  return sign(null, createHash('sha256').update(body).digest(), privateKey).toString('base64url');
}
