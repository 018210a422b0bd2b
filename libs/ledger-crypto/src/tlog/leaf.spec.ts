import { leafInput, MAX_LEAF_BYTES } from './leaf';

describe('leaf input', () => {
  const event = { streamId: 'credential-1', revision: 0, type: 'CredentialIssued', data: { b: 2, a: 'é', n: 1e21 }, metadata: { recordedAt: '2026-03-01T00:00:00.000Z', eventId: 'e1' } };

  it('is the RFC 8785 canonical JSON of stream, revision, type, body and metadata', () => {
    expect(leafInput(event).toString('utf8')).toBe(
      '{"data":{"a":"é","b":2,"n":1e+21},"metadata":{"eventId":"e1","recordedAt":"2026-03-01T00:00:00.000Z"},"revision":0,"streamId":"credential-1","type":"CredentialIssued"}',
    );
  });

  it('does not depend on key order or on fields outside the leaf (the global position)', () => {
    const reordered = { type: event.type, metadata: { eventId: 'e1', recordedAt: '2026-03-01T00:00:00.000Z' }, data: { n: 1e21, a: 'é', b: 2 }, revision: 0, streamId: 'credential-1', position: 42 };
    expect(leafInput(reordered).equals(leafInput(event))).toBe(true);
  });

  it('bounds a leaf at what a 2-byte entry length can carry', () => expect(MAX_LEAF_BYTES).toBe(2 ** 16 - 1));
});
