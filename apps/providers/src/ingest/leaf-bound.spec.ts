import { leafInput, leafOverflow, MAX_LEAF_BYTES } from '@app/ledger-crypto';
import { surelyFits } from './leaf-bound';

const event = (data: unknown, metadata: object = {}) => ({ streamId: 'credential-1', type: 'CredentialIssued', data, metadata });

describe('the leaf size bound', () => {
  it.each([
    ['plain members', { a: 'x', b: 1, c: [1, 'y'] }],
    ['undefined members, also nested and in arrays', { a: undefined, b: { c: undefined, d: 'e' }, f: [undefined, 2] }],
    ['text that JSON escapes', { reason: 'line\nbreak "quoted" \\ \u0001 \ud800 é 🎓' }],
  ])('measures %s as the canonical form does, whatever the order', (_name, data) => {
    const e = { ...event(data, { eventId: 'e', missing: undefined }), revision: 0 };
    expect(leafInput(e).toString('utf8').length).toBe(JSON.stringify(e).length);
  });

  it('passes a small event and leaves a large one to the canonical measure', () => {
    expect(surelyFits('s', event({ grade: 'A' }))).toBe(true);
    const large = event({ reason: 'é'.repeat(Math.ceil(MAX_LEAF_BYTES / 3)) });
    expect(surelyFits('s', large)).toBe(false);
    expect(leafOverflow({ ...large, streamId: 's' })).toBeUndefined();
    expect(surelyFits('s', event({ reason: 'é'.repeat(MAX_LEAF_BYTES) }))).toBe(false);
    expect(leafOverflow({ ...event({ reason: 'é'.repeat(MAX_LEAF_BYTES) }), streamId: 's' })).toBeDefined();
  });
});
