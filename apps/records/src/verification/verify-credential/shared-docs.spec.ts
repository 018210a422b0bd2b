import { ReadStore } from '@app/read-store';
import { SharedDocs } from './shared-docs';

describe('SharedDocs', () => {
  let stored: Map<string, string>;
  let reads: number;
  let docs: SharedDocs;
  beforeEach(() => {
    stored = new Map([['p1', 'University A']]);
    reads = 0;
    docs = new SharedDocs({ get: async (_: string, id: string) => (reads++, stored.get(id)) } as unknown as ReadStore, 2);
  });

  it('reads a document once while the checkpoint stands', async () => {
    expect(await docs.get(5, 'providers', 'p1')).toBe('University A');
    expect(await docs.get(5, 'providers', 'p1')).toBe('University A');
    expect(await docs.get(5, 'providers', 'absent')).toBeUndefined();
    expect(await docs.get(5, 'providers', 'absent')).toBeUndefined();
    expect(reads).toBe(2);
  });

  it('reads again once the checkpoint moved', async () => {
    await docs.get(5, 'providers', 'p1');
    stored.set('p1', 'University A (renamed)');
    expect(await docs.get(6, 'providers', 'p1')).toBe('University A (renamed)');
  });

  it('reads the store for a request that saw an older checkpoint, without keeping it', async () => {
    await docs.get(6, 'providers', 'p1');
    stored.set('p1', 'older');
    expect(await docs.get(5, 'providers', 'p1')).toBe('older');
    expect(await docs.get(6, 'providers', 'p1')).toBe('University A');
  });

  it('keeps no more than its bound', async () => {
    for (const id of ['a', 'b', 'c', 'c']) await docs.get(1, 'providers', id);
    expect(reads).toBe(4);
  });
});
