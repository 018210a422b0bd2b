import { generateApiKey, hashSecret, parseApiKey, secretMatches } from './api-key';

describe('API keys', () => {
  it('parse back into the id and a secret that matches the stored hash', () => {
    const { apiKey, keyId, secretHash } = generateApiKey();
    const parsed = parseApiKey(apiKey);
    expect(parsed?.keyId).toBe(keyId);
    expect(secretMatches(parsed!.secret, secretHash)).toBe(true);
    expect(secretHash).toBe(hashSecret(parsed!.secret));
    expect(secretHash).not.toContain(parsed!.secret);
  });

  it('reject a tampered secret and malformed keys', () => {
    const { apiKey, secretHash } = generateApiKey();
    const parsed = parseApiKey(apiKey)!;
    const flipped = (parsed.secret[0] === 'A' ? 'B' : 'A') + parsed.secret.slice(1);
    expect(secretMatches(flipped, secretHash)).toBe(false);
    expect(parseApiKey('Bearer nonsense')).toBeUndefined();
    expect(parseApiKey(`${apiKey}x`)).toBeUndefined();
  });
});
