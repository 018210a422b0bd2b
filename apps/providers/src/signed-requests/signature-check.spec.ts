import { generateKeyPairSync, sign } from 'node:crypto';
import { bodyDigest } from '@app/ledger-crypto';
import { ProviderState } from '../provider/provider.state';
import { checkSignature } from './signature-check';

describe('checkSignature', () => {
  const body = Buffer.from('{"items":[]}');
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' }) as { kty: 'OKP'; crv: 'Ed25519'; x: string };
  const digest = bodyDigest(body);
  const signed = (keyId: string) => ({ keyId, signature: sign(null, digest, privateKey).toString('base64url'), digest });
  const provider = (over: Partial<ProviderState> = {}): ProviderState => ({ signingKeys: { k1: { jwk, revoked: false }, old: { jwk, revoked: true } }, ...over });

  it('accepts a valid signature under an active key, with nothing to note', () => {
    expect(checkSignature(provider(), signed('k1'), { noteUnknownKeys: true })).toBeUndefined();
  });

  it('notes an unknown or revoked key instead of refusing, when credential events are sent and signatures are optional', () => {
    expect(checkSignature(provider(), signed('nope'), { noteUnknownKeys: true })).toEqual({ keyId: 'nope', verdict: 'unknown-key' });
    expect(checkSignature(provider(), signed('old'), { noteUnknownKeys: true })).toEqual({ keyId: 'old', verdict: 'revoked-key' });
  });

  it('still refuses them where signatures are required, or where nothing is noted (bulk actions)', () => {
    expect(() => checkSignature(provider({ requireSignedBatches: true }), signed('nope'), { noteUnknownKeys: true })).toThrow(expect.objectContaining({ code: 'SIGNATURE.UNKNOWN_KEY' }));
    expect(() => checkSignature(provider({ requireSignedBatches: true }), signed('old'), { noteUnknownKeys: true })).toThrow(expect.objectContaining({ code: 'SIGNATURE.KEY_REVOKED' }));
    expect(() => checkSignature(provider(), signed('nope'))).toThrow(expect.objectContaining({ code: 'SIGNATURE.UNKNOWN_KEY' }));
  });

  it('always refuses a signature that does not match the body under a known key', () => {
    expect(() => checkSignature(provider(), { ...signed('k1'), digest: bodyDigest('other') }, { noteUnknownKeys: true })).toThrow(expect.objectContaining({ code: 'SIGNATURE.INVALID' }));
  });
});
