import { identifierScheme, knownIdentifierSchemes, luhnModN, normaliseIdentifier } from './identifier-schemes';

const value = (scheme: string, raw: string) => {
  const r = normaliseIdentifier(scheme, raw);
  if (!r.ok) throw new Error(`expected ${raw} to be a valid ${scheme}: ${r.reason}`);
  return r.value;
};
const refusal = (scheme: string, raw: string) => {
  const r = normaliseIdentifier(scheme, raw);
  if (r.ok) throw new Error(`expected ${raw} to be refused as ${scheme}`);
  return r;
};

describe('identifier schemes', () => {
  it('keeps every scheme as data with its status and source', () => {
    expect(knownIdentifierSchemes()).toEqual(['NZ-NSN', 'AU-USI', 'EU-ESI', 'EMAIL']);
    for (const name of knownIdentifierSchemes()) {
      const s = identifierScheme(name)!;
      expect(['confirmed', 'unconfirmed']).toContain(s.status);
      expect(s.source.length).toBeGreaterThan(20);
    }
    expect(identifierScheme('NZ-NSN')!.check).toMatchObject({ algorithm: 'mod11', status: 'unconfirmed', applied: false });
  });

  it('refuses an unknown scheme naming the known ones', () => {
    expect(refusal('US-SSN', '123')).toEqual({ ok: false, field: 'scheme', reason: 'unknown identifier scheme; known schemes: NZ-NSN, AU-USI, EU-ESI, EMAIL' });
  });

  describe('EMAIL', () => {
    it('trims, composes (NFC) and lower-cases the whole address', () => {
      expect(value('email', '  Aroha@Example.NZ ')).toBe('aroha@example.nz');
      expect(value('EMAIL', 'aroha@example.nz')).toBe('aroha@example.nz');
      // "é" typed as e + combining acute and as one code point is one address.
      expect(value('EMAIL', 'Re\u0301ne@example.fr')).toBe(value('EMAIL', 'r\u00e9ne@example.fr'));
    });

    it('refuses what is not an address', () => {
      for (const bad of ['aroha', 'aroha@', '@example.nz', 'a b@example.nz', 'a@b@c']) expect(refusal('EMAIL', bad).field).toBe('value');
    });
  });

  describe('NZ-NSN (check digit unconfirmed: format only)', () => {
    it('strips spaces and hyphens', () => {
      expect(value('NZ-NSN', ' 123-456 789 ')).toBe('123456789');
    });

    it('accepts any 9 digits, since the check digit is not applied', () => {
      expect(value('NZ-NSN', '123456780')).toBe('123456780');
      expect(value('NZ-NSN', '123456789')).toBe('123456789');
    });

    it('refuses other lengths and letters without repeating the value', () => {
      for (const bad of ['12345678', '1234567890', '12345678A', '']) {
        const r = refusal('NZ-NSN', bad);
        expect(r).toMatchObject({ field: 'value', reason: 'not a valid NZ-NSN: expected 9 digits (spaces and hyphens are removed first)' });
      }
    });
  });

  describe('AU-USI (Luhn mod N check character)', () => {
    it('accepts published valid USIs, upper-cased and without separators', () => {
      expect(value('AU-USI', '223456789N')).toBe('223456789N');
      expect(value('AU-USI', 'h2289jj33u')).toBe('H2289JJ33U');
      expect(value('AU-USI', ' H228-9JJ 33U ')).toBe('H2289JJ33U');
    });

    it('refuses a wrong check character', () => {
      expect(refusal('AU-USI', '223456789X')).toMatchObject({ field: 'value', reason: 'not a valid AU-USI: the check character does not match' });
      // a transposition of two neighbours is caught
      expect(refusal('AU-USI', '232456789N').field).toBe('value');
    });

    it('refuses characters outside the alphabet and other lengths', () => {
      for (const bad of ['223456789', '223456789NN', 'I23456789N', '023456789N', '2234567890']) {
        expect(refusal('AU-USI', bad).reason).toMatch(/expected 10 characters/);
      }
    });

    it('computes Luhn mod N like the reference algorithm', () => {
      expect(luhnModN('223456789N', '23456789ABCDEFGHJKLMNPQRSTUVWXYZ')).toBe(true);
      expect(luhnModN('1234567897', '0123456789')).toBe(true); // classic Luhn is the N = 10 case
      expect(luhnModN('1234567890', '0123456789')).toBe(false);
    });
  });

  describe('EU-ESI', () => {
    it('accepts the country-wide and institution-wide forms, lower-cased', () => {
      expect(value('EU-ESI', 'urn:schac:personalUniqueCode:int:esi:ES:12345678Z')).toBe('urn:schac:personaluniquecode:int:esi:es:12345678z');
      expect(value('EU-ESI', 'urn:schac:personalUniqueCode:int:esi:uma.es:a3b123')).toBe('urn:schac:personaluniquecode:int:esi:uma.es:a3b123');
      expect(value('EU-ESI', ' urn:schac:personalUniqueCode:int:esi:be-vlg:0123 ')).toBe('urn:schac:personaluniquecode:int:esi:be-vlg:0123');
    });

    it('refuses other URNs and a missing code', () => {
      for (const bad of ['12345678Z', 'urn:schac:personalUniqueCode:es:ESI:123', 'urn:schac:personalUniqueCode:int:esi:es:', 'urn:schac:personalUniqueCode:int:esi:123', 'urn:schac:personalUniqueCode:int:esi:es:a b']) {
        expect(refusal('EU-ESI', bad).field).toBe('value');
      }
    });
  });
});
