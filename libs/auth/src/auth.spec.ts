import { generateApiKey, hashSecret, parseApiKey, secretMatches } from './api-key';
import { IdentifierDigester } from './personal-data';

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

describe('IdentifierDigester', () => {
  const digester = new IdentifierDigester(Buffer.alloc(32, 7));

  it('gives equal digests for equal identifiers, normalising the scheme and whitespace', () => {
    expect(digester.digest('nz-nsn', ' 123456789 ')).toEqual(digester.digest('NZ-NSN', '123456789'));
  });

  it('never contains the identifier and differs across schemes and peppers', () => {
    const d = digester.digest('NZ-NSN', '123456789');
    expect(d.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(d.digest).not.toContain('123456789');
    expect(digester.digest('AU-USI', '123456789').digest).not.toBe(d.digest);
    expect(new IdentifierDigester(Buffer.alloc(32, 8)).digest('NZ-NSN', '123456789').digest).not.toBe(d.digest);
  });

  it('refuses a short pepper', () => {
    expect(() => new IdentifierDigester(Buffer.alloc(16))).toThrow('at least 32 bytes');
  });
});
