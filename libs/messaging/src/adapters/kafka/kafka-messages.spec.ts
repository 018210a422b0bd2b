import { chunkBySize } from './kafka-messages';

describe('chunkBySize', () => {
  const message = (n: number, size: number) => ({ key: `k${n}`, value: 'x'.repeat(size) });

  it('keeps a publish that fits in one chunk', () => {
    const messages = [message(1, 10), message(2, 10)];
    expect(chunkBySize(messages, 1_000)).toEqual([messages]);
  });

  it('splits in order so that no chunk passes the limit, and loses nothing', () => {
    const messages = Array.from({ length: 50 }, (_, n) => message(n, 100));
    const chunks = chunkBySize(messages, 1_000);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.flat()).toEqual(messages);
    for (const chunk of chunks) expect(chunk.reduce((sum, m) => sum + 64 + m.key.length + m.value.length, 0)).toBeLessThanOrEqual(1_000);
  });

  it('counts headers and multi-byte characters', () => {
    const headers = { h: 'y'.repeat(400) };
    expect(chunkBySize([{ key: 'a', value: 'b', headers }, { key: 'a', value: 'b', headers }], 700)).toHaveLength(2);
    expect(chunkBySize([{ key: 'a', value: 'é'.repeat(200) }, { key: 'a', value: 'é'.repeat(200) }], 700)).toHaveLength(2);
  });

  it('sends a message larger than the limit alone', () => {
    const messages = [message(1, 10), message(2, 5_000), message(3, 10)];
    expect(chunkBySize(messages, 1_000)).toEqual([[messages[0]], [messages[1]], [messages[2]]]);
  });

  it('has no chunk for no messages', () => {
    expect(chunkBySize([], 1_000)).toEqual([]);
  });
});
