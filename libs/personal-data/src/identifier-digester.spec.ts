import { IdentifierDigester } from './identifier-digester';

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
