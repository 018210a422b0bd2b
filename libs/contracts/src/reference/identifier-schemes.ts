import schemesData from '../../reference/identifier-schemes.json';

export type IdentifierNormaliser = 'digits' | 'alphanumeric-upper' | 'lowercase' | 'email';

export interface IdentifierScheme {
  name: string;
  normaliser: IdentifierNormaliser;
  /** Separator characters removed before the format is checked. */
  strip: string;
  pattern: string;
  patternDescription: string;
  check: { algorithm: 'mod11' | 'luhn-mod-n' | 'none'; alphabet?: string; status: 'confirmed' | 'unconfirmed'; applied: boolean };
  status: 'confirmed' | 'unconfirmed';
  source: string;
}

export type NormalisedIdentifier = { ok: true; scheme: string; value: string } | { ok: false; field: 'scheme' | 'value'; reason: string };

const schemes = schemesData.schemes as Record<string, IdentifierScheme>;
const patterns = new Map(Object.entries(schemes).map(([k, s]) => [k, new RegExp(s.pattern)]));

/** Scheme names are matched without regard to case and kept upper-case (NZ-NSN). */
export function identifierScheme(scheme: string): IdentifierScheme | undefined {
  const key = scheme.trim().toUpperCase();
  return Object.prototype.hasOwnProperty.call(schemes, key) ? schemes[key] : undefined;
}

export function knownIdentifierSchemes(): string[] {
  return Object.keys(schemes);
}

/**
 * The one spelling of an identifier its scheme allows, or why it is not one. Equal
 * identifiers must give equal digests, so every digest is made from this form.
 */
export function normaliseIdentifier(scheme: string, raw: string): NormalisedIdentifier {
  const name = scheme.trim().toUpperCase();
  const s = identifierScheme(name);
  if (!s) return { ok: false, field: 'scheme', reason: `unknown identifier scheme; known schemes: ${knownIdentifierSchemes().join(', ')}` };
  let value = raw.normalize('NFC').trim();
  for (const c of s.strip) value = value.split(c).join('');
  if (s.normaliser === 'alphanumeric-upper') value = value.toUpperCase();
  if (s.normaliser === 'lowercase' || s.normaliser === 'email') value = value.toLowerCase();
  // Never echo the value: it is personal data.
  if (!patterns.get(name)!.test(value)) return { ok: false, field: 'value', reason: `not a valid ${name}: expected ${s.patternDescription}` };
  if (s.check.applied && s.check.algorithm === 'luhn-mod-n' && !luhnModN(value, s.check.alphabet!)) {
    return { ok: false, field: 'value', reason: `not a valid ${name}: the check character does not match` };
  }
  return { ok: true, scheme: name, value };
}

/** Luhn mod N over `alphabet`: from the right, every second code point doubled, digits summed in base N. */
export function luhnModN(value: string, alphabet: string): boolean {
  const n = alphabet.length;
  let sum = 0;
  let factor = 1;
  for (let i = value.length - 1; i >= 0; i--) {
    const code = alphabet.indexOf(value[i]);
    if (code < 0) return false;
    const addend = code * factor;
    sum += Math.floor(addend / n) + (addend % n);
    factor = factor === 1 ? 2 : 1;
  }
  return sum % n === 0;
}
