import { parsePurpose } from './access-purpose';

describe('parsePurpose', () => {
  it('records a missing header as unspecified', () => {
    expect(parsePurpose(undefined)).toBe('unspecified');
  });

  it('takes a listed token, whatever its case and surrounding spaces', () => {
    expect(parsePurpose(' Recognition ')).toBe('recognition');
    expect(parsePurpose('legal-obligation')).toBe('legal-obligation');
  });

  it('refuses free text, an empty value, a repeated header and a value too long, naming the header', () => {
    for (const bad of ['because I can', '', 'unspecified', ['audit', 'audit'], 'x'.repeat(33)]) {
      expect(() => parsePurpose(bad)).toThrow(expect.objectContaining({ errors: [expect.objectContaining({ field: 'Ledger-Purpose' })] }));
    }
    expect(() => parsePurpose('x'.repeat(33))).toThrow(expect.objectContaining({ errors: [expect.objectContaining({ message: expect.stringContaining('at most 32') })] }));
  });
});
