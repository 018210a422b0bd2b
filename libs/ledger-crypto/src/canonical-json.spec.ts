import { canonicalize } from 'json-canonicalize';
import { canonicalJson } from './canonical-json';

/** A seeded stream of JSON values of every shape: deep, wide, odd numbers, keys that sort by code unit. */
function* jsonValues(seed: number, count: number): Generator<unknown> {
  let state = seed;
  const next = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const strings = ['', 'a', 'B', 'é', 'ß', '\u20ac', '\ud83d\ude00', '\ufb33', '\u0000', '"\\\n\t', '\u2028', 'ą', '10', '1', 'Z', '\u00e9\u0301'];
  const numbers = [0, -0, 1, -1, 0.1 + 0.2, 1e21, 1e-7, 5e-324, 1.7976931348623157e308, 123456789012345680000, 333333333.3333333, -1e-10, 2 ** 53];
  const value = (depth: number): unknown => {
    const r = next();
    if (depth > 4 || r < 0.35) {
      const k = next();
      if (k < 0.4) return strings[Math.floor(next() * strings.length)] + String(Math.floor(next() * 100));
      if (k < 0.75) return numbers[Math.floor(next() * numbers.length)];
      if (k < 0.9) return next() < 0.5;
      return null;
    }
    if (r < 0.6) return Array.from({ length: Math.floor(next() * 5) }, () => value(depth + 1));
    const out: Record<string, unknown> = {};
    for (let i = Math.floor(next() * 6); i > 0; i--) out[strings[Math.floor(next() * strings.length)] + (next() < 0.5 ? '' : String(i))] = value(depth + 1);
    return out;
  };
  for (let i = 0; i < count; i++) yield value(0);
}

describe('canonicalJson', () => {
  it('writes equal values the same whatever their key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x', null], c: true } })).toBe(canonicalJson({ a: { c: true, d: [1, 'x', null] }, b: 1 }));
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it('leaves out undefined members and keeps strings exact', () => {
    expect(canonicalJson({ a: undefined, s: 'ü"\n' })).toBe('{"s":"ü\\"\\n"}');
  });

  it('tells different values apart', () => {
    expect(canonicalJson({ a: '1' })).not.toBe(canonicalJson({ a: 1 }));
    expect(canonicalJson(['a', 'b'])).not.toBe(canonicalJson(['ab']));
  });

  it('writes what the RFC 8785 package writes, for every value JSON can carry', () => {
    // The verifiable log hashes this text: an outside verifier using any RFC 8785 library must get the same leaf.
    let compared = 0;
    for (const value of jsonValues(20261130, 3000)) {
      expect(canonicalJson(value)).toBe(canonicalize(value));
      // And what a stored event reads back as: the same text after a JSON round trip.
      expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(canonicalize(JSON.parse(JSON.stringify(value))));
      compared++;
    }
    expect(compared).toBe(3000);
  });

  it('writes dates and other toJSON values as JSON.stringify would store them', () => {
    const at = new Date('2026-11-30T09:00:00.000Z');
    expect(canonicalJson({ at, list: [at, undefined] })).toBe('{"at":"2026-11-30T09:00:00.000Z","list":["2026-11-30T09:00:00.000Z",null]}');
  });
});
