import { IdentifierDigester, InvalidIdentifierError } from './identifier-digester';

describe('IdentifierDigester', () => {
  const digester = new IdentifierDigester(Buffer.alloc(32, 7));

  it('gives equal digests for equal identifiers, normalising the scheme and whitespace', () => {
    expect(digester.digest('nz-nsn', ' 123456789 ')).toEqual(digester.digest('NZ-NSN', '123456789'));
    expect(digester.digest('NZ-NSN', '123-456 789')).toEqual(digester.digest('NZ-NSN', '123456789'));
  });

  it('makes one learner of Aroha@ and aroha@', () => {
    expect(digester.digest('EMAIL', ' Aroha@Example.NZ')).toEqual(digester.digest('email', 'aroha@example.nz'));
    expect(digester.digest('AU-USI', 'h2289jj33u')).toEqual(digester.digest('AU-USI', 'H2289JJ33U'));
  });

  it('never contains the identifier and differs across schemes and peppers', () => {
    const d = digester.digest('NZ-NSN', '123456789');
    expect(d.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(d.digest).not.toContain('123456789');
    expect(digester.digest('EMAIL', '123456789@example.nz').digest).not.toBe(d.digest);
    expect(new IdentifierDigester(Buffer.alloc(32, 8)).digest('NZ-NSN', '123456789').digest).not.toBe(d.digest);
  });

  it('refuses an unknown scheme and a value its scheme refuses, without echoing the value', () => {
    expect(() => digester.digest('US-SSN', '078-05-1120')).toThrow(expect.objectContaining({ code: 'IDENTIFIER.UNKNOWN_SCHEME', field: 'scheme' }));
    let error: unknown;
    try {
      digester.digest('AU-USI', '223456789X');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidIdentifierError);
    expect(error).toMatchObject({ code: 'IDENTIFIER.INVALID', field: 'value' });
    expect((error as Error).message).not.toContain('223456789X');
  });

  it('refuses a short pepper', () => {
    expect(() => new IdentifierDigester(Buffer.alloc(16))).toThrow('at least 32 bytes');
  });
});
