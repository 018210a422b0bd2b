import { leafInput, leafOverflow, MAX_LEAF_BYTES } from './leaf';

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

describe('leafOverflow', () => {
  const event = (text: string) => ({ streamId: 'credential-x', type: 'CredentialRevoked', data: { credentialRef: 'C-1', reason: text }, metadata: { eventId: 'e' } });
  it('lets an event through while its leaf fits, even at the largest revision', () => {
    expect(leafOverflow(event('x'.repeat(60_000)))).toBeUndefined();
  });
  it('names the heaviest field of a body whose leaf would pass 65,535 bytes (UTF-8 bytes, not characters)', () => {
    expect(leafOverflow(event('é'.repeat(33_000)))).toEqual({ bytes: expect.any(Number), field: 'reason' });
    expect(leafOverflow(event('é'.repeat(33_000)))!.bytes).toBeGreaterThan(MAX_LEAF_BYTES);
  });
  it('names a nested field by its path, down to the list that weighs most', () => {
    const revised = { ...event('r'), type: 'AchievementRevised', data: { achievementId: 'a', spec: { title: 't', learningOutcomes: Array(50).fill('x'.repeat(2000)) }, reason: 'r' } };
    expect(leafOverflow(revised)?.field).toBe('spec.learningOutcomes');
  });
});
