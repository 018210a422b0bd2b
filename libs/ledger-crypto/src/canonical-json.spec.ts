import { canonicalJson } from './canonical-json';

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
});
