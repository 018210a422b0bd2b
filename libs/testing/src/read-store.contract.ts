import { ReadStore } from '@app/read-store';
import { uniqueName } from './events';

/** The suite every read-store adapter must pass. Collection names are unique per test. */
export function readStoreContract(adapter: string, open: () => Promise<ReadStore>): void {
  describe(`ReadStore contract: ${adapter}`, () => {
    let store: ReadStore;
    beforeAll(async () => {
      store = await open();
    }, 30_000);
    afterAll(async () => {
      await store?.close();
    });

    describe('when a transaction commits', () => {
      it('makes documents and the checkpoint visible together', async () => {
        const c = uniqueName('c_');
        const cp = uniqueName('cp_');
        await store.transaction(async (tx) => {
          await tx.put(c, 'a', { id: 'a', status: 'issued', n: 1, nested: { x: [1, 2] } });
          await tx.put(c, 'b', { id: 'b', status: 'revoked', n: 2 });
          await tx.setCheckpoint(cp, 42);
        });
        expect(await store.get(c, 'a')).toEqual({ id: 'a', status: 'issued', n: 1, nested: { x: [1, 2] } });
        expect(await store.getCheckpoint(cp)).toBe(42);
      });

      it('overwrites a document put twice and deletes on request', async () => {
        const c = uniqueName('c_');
        await store.transaction(async (tx) => {
          await tx.put(c, 'a', { v: 1 });
          await tx.put(c, 'a', { v: 2 });
          await tx.put(c, 'gone', { v: 3 });
          await tx.delete(c, 'gone');
        });
        expect(await store.get(c, 'a')).toEqual({ v: 2 });
        expect(await store.get(c, 'gone')).toBeUndefined();
      });

      it('reads its own writes inside the transaction', async () => {
        const c = uniqueName('c_');
        const seen = await store.transaction(async (tx) => {
          await tx.put(c, 'a', { v: 1 });
          await tx.setCheckpoint(c, 7);
          return [await tx.get(c, 'a'), await tx.getCheckpoint(c)];
        });
        expect(seen).toEqual([{ v: 1 }, 7]);
      });

      it('keeps a document as it was put, whatever the caller does with its object afterwards', async () => {
        const c = uniqueName('c_');
        const seen = await store.transaction(async (tx) => {
          const doc = { ids: ['x'] };
          await tx.put(c, 'a', doc);
          doc.ids.push('changed after the put');
          const inside = await tx.get<{ ids: string[] }>(c, 'a');
          inside!.ids.push('changed after the get');
          await tx.delete(c, 'b');
          await tx.put(c, 'b', { v: 1 });
          await tx.delete(c, 'b');
          return [await tx.get(c, 'a'), await tx.get(c, 'b')];
        });
        expect(seen).toEqual([{ ids: ['x'] }, undefined]);
        expect(await store.get(c, 'a')).toEqual({ ids: ['x'] });
        expect(await store.get(c, 'b')).toBeUndefined();
      });
    });

    describe('when several documents are read at once', () => {
      it('answers them in the order asked, undefined where absent', async () => {
        const c = uniqueName('c_');
        await store.transaction(async (tx) => {
          await tx.put(c, '0:01', { h: 'a' });
          await tx.put(c, '1:00', { h: 'b' });
        });
        expect(await store.getMany(c, ['1:00', 'none', '0:01', '1:00'])).toEqual([{ h: 'b' }, undefined, { h: 'a' }, { h: 'b' }]);
        expect(await store.getMany(c, [])).toEqual([]);
      });
    });

    describe('when a transaction throws', () => {
      it('rolls back documents and checkpoint alike', async () => {
        const c = uniqueName('c_');
        await store.transaction(async (tx) => tx.setCheckpoint(c, 1));
        await expect(
          store.transaction(async (tx) => {
            await tx.put(c, 'a', { v: 1 });
            await tx.setCheckpoint(c, 2);
            throw new Error('boom');
          }),
        ).rejects.toThrow('boom');
        expect(await store.get(c, 'a')).toBeUndefined();
        expect(await store.getCheckpoint(c)).toBe(1);
      });
    });

    describe('when transactions overlap', () => {
      it('runs them one after another without losing updates', async () => {
        const c = uniqueName('c_');
        await Promise.all(
          Array.from({ length: 20 }, () =>
            store.transaction(async (tx) => {
              const doc = (await tx.get<{ n: number }>(c, 'counter')) ?? { n: 0 };
              await tx.put(c, 'counter', { n: doc.n + 1 });
            }),
          ),
        );
        expect(await store.get(c, 'counter')).toEqual({ n: 20 });
      });
    });

    describe('when finding documents', () => {
      it('matches top-level fields, orders by id and pages', async () => {
        const c = uniqueName('c_');
        await store.transaction(async (tx) => {
          for (const [id, providerId, active] of [['3', 'p1', true], ['1', 'p1', false], ['2', 'p2', true], ['4', 'p1', true]] as const) {
            await tx.put(c, id, { id, providerId, active, none: null });
          }
        });
        const ids = (docs: { id: string }[]) => docs.map((d) => d.id);
        expect(ids(await store.find(c, { providerId: 'p1' }))).toEqual(['1', '3', '4']);
        expect(ids(await store.find(c, { providerId: 'p1', active: true }))).toEqual(['3', '4']);
        expect(ids(await store.find(c, { providerId: 'p1' }, { afterId: '1', limit: 1 }))).toEqual(['3']);
        expect(await store.find(c, { providerId: 'nobody' })).toEqual([]);
      });
    });

    describe('when a projection is reset', () => {
      it('drops its collections and checkpoint only', async () => {
        const [a, b, cp] = [uniqueName('c_'), uniqueName('c_'), uniqueName('cp_')];
        await store.transaction(async (tx) => {
          await tx.put(a, '1', { v: 1 });
          await tx.put(b, '1', { v: 1 });
          await tx.setCheckpoint(cp, 9);
        });
        await store.reset([a], cp);
        expect(await store.get(a, '1')).toBeUndefined();
        expect(await store.get(b, '1')).toEqual({ v: 1 });
        expect(await store.getCheckpoint(cp)).toBe(0);
      });
    });

    describe('when a projection parks events', () => {
      const parked = (projection: string, position: number, error = 'RangeError: Invalid time value') => ({
        projection, position, eventId: `e-${position}`, type: 'CredentialIssued', error, parkedAt: '2026-01-02T03:04:05.000Z',
      });

      it('keeps them with the checkpoint, lists them in log order and counts them per projection', async () => {
        const [a, b] = [uniqueName('p_'), uniqueName('p_')];
        await store.transaction(async (tx) => {
          await tx.park(parked(a, 7));
          await tx.park(parked(b, 5));
          await tx.park(parked(a, 3));
          await tx.setCheckpoint(a, 9);
        });
        expect((await store.listParked({ projection: a })).map((p) => p.position)).toEqual([3, 7]);
        expect(await store.listParked({ projection: a, afterPosition: 3 })).toEqual([parked(a, 7)]);
        const counts = await store.countParked();
        expect([counts[a], counts[b]]).toEqual([2, 1]);
      });

      it('replaces an entry parked again at the same position, and forgets them on reset', async () => {
        const a = uniqueName('p_');
        await store.transaction((tx) => tx.park(parked(a, 1, 'first')));
        await store.transaction((tx) => tx.park(parked(a, 1, 'second')));
        expect((await store.listParked({ projection: a })).map((p) => p.error)).toEqual(['second']);
        await store.reset([], a);
        expect(await store.listParked({ projection: a })).toEqual([]);
      });

      it('parks nothing when the transaction rolls back', async () => {
        const a = uniqueName('p_');
        await expect(store.transaction(async (tx) => {
          await tx.park(parked(a, 1));
          throw new Error('boom');
        })).rejects.toThrow('boom');
        expect(await store.listParked({ projection: a })).toEqual([]);
      });
    });

    describe('when work inside a savepoint throws', () => {
      it('undoes only that work and the transaction still commits the rest', async () => {
        const c = uniqueName('c_');
        await store.transaction(async (tx) => {
          await tx.put(c, 'before', { v: 1 });
          await expect(tx.savepoint(async () => {
            await tx.put(c, 'inside', { v: 2 });
            await tx.put(c, 'before', { v: 99 });
            throw new Error('bad event');
          })).rejects.toThrow('bad event');
          expect(await tx.savepoint(async () => {
            await tx.put(c, 'after', { v: 3 });
            return 'kept';
          })).toBe('kept');
          await tx.setCheckpoint(c, 3);
        });
        expect(await store.get(c, 'before')).toEqual({ v: 1 });
        expect(await store.get(c, 'inside')).toBeUndefined();
        expect(await store.get(c, 'after')).toEqual({ v: 3 });
        expect(await store.getCheckpoint(c)).toBe(3);
      });

      it('reads inside the transaction what is there now: before, inside and after the savepoint', async () => {
        const c = uniqueName('c_');
        await store.transaction(async (tx) => tx.put(c, 'd', { v: 1 }));
        await store.transaction(async (tx) => {
          // Read (from the file), written (pending), read again, then a savepoint writes it through and throws.
          expect(await tx.get(c, 'd')).toEqual({ v: 1 });
          expect(await tx.get(c, 'absent')).toBeUndefined();
          await tx.put(c, 'd', { v: 2 });
          expect(await tx.get(c, 'd')).toEqual({ v: 2 });
          await expect(tx.savepoint(async () => {
            expect(await tx.get(c, 'd')).toEqual({ v: 2 });
            await tx.put(c, 'd', { v: 3 });
            await tx.put(c, 'absent', { v: 4 });
            expect(await tx.get(c, 'd')).toEqual({ v: 3 });
            expect(await tx.get(c, 'absent')).toEqual({ v: 4 });
            throw new Error('bad event');
          })).rejects.toThrow('bad event');
          expect(await tx.get(c, 'd')).toEqual({ v: 2 });
          expect(await tx.get(c, 'absent')).toBeUndefined();
          await tx.savepoint(async () => tx.delete(c, 'd'));
          expect(await tx.get(c, 'd')).toBeUndefined();
          await tx.put(c, 'd', { v: 5 });
        });
        expect(await store.get(c, 'd')).toEqual({ v: 5 });
        expect(await store.get(c, 'absent')).toBeUndefined();
        // A transaction that throws leaves nothing it read or wrote behind for the next one.
        await expect(store.transaction(async (tx) => {
          await tx.put(c, 'd', { v: 6 });
          expect(await tx.get(c, 'd')).toEqual({ v: 6 });
          throw new Error('rolled back');
        })).rejects.toThrow('rolled back');
        await store.transaction(async (tx) => expect(await tx.get(c, 'd')).toEqual({ v: 5 }));
      });
    });

    describe('when unknown', () => {
      it('answers undefined for a missing document and 0 for a missing checkpoint', async () => {
        expect(await store.get(uniqueName('c_'), 'x')).toBeUndefined();
        expect(await store.getCheckpoint(uniqueName('cp_'))).toBe(0);
      });
    });
  });
}
