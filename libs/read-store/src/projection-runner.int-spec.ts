import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnyEvent, RecordedEvent } from '@app/contracts';
import { EventStore, openEventStore } from '@app/event-store';
import { readStoreEngines, testEvent, uniqueName } from '@app/testing';
import { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';
import { ReadStore, ReadTx } from './read-store.port';

/** Counts every event it applies; throws on the ones `fails` picks. */
class CountingProjection implements Projection<AnyEvent> {
  readonly collections: string[];
  constructor(
    readonly name: string,
    private readonly fails: (event: RecordedEvent<AnyEvent>) => Error | undefined = () => undefined,
  ) {
    this.collections = [name];
  }

  async apply(tx: ReadTx, event: RecordedEvent): Promise<void> {
    await tx.put(this.name, String(event.position), { type: event.type });
    const error = this.fails(event);
    if (error) throw error;
  }
}

/** The expiry projection's real failure on a stored impossible date. */
const badDate = (event: RecordedEvent<AnyEvent>) => (event.type === 'Odd' ? (new Date(String((event.data as { validUntil?: string }).validUntil)).toISOString(), undefined) : undefined);

const { engines: readStores, dropSchemas } = readStoreEngines('ProjectionRunner', 'runner_');
afterAll(dropSchemas);

describe.each(readStores)('ProjectionRunner on a real SQLite event store and a %s read store', (engine, openReads) => {
  let dir: string;
  let events: EventStore<AnyEvent>;
  let reads: ReadStore;
  let runner: ProjectionRunner<AnyEvent> | undefined;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-runner-'));
    events = await openEventStore(`sqlite:${join(dir, 'events.db')}`);
    reads = await openReads(dir);
  });
  afterEach(async () => {
    await runner?.stop();
    runner = undefined;
    await events.close();
    await reads.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const append = async (...types: string[]) => {
    const result = await events.append({
      streamId: uniqueName('s-'),
      expectedRevision: 'any',
      events: types.map((t) => testEvent(t, t === 'Odd' ? { validUntil: '2026-13-45T99:99:99Z' } : {})),
    });
    return result.positions;
  };

  describe('when one projection cannot apply an event', () => {
    it('parks it for that projection only, and every projection goes on past it', async () => {
      const expiry = new CountingProjection(uniqueName('expiry_'), badDate);
      const records = new CountingProjection(uniqueName('records_'));
      const [, oddAt] = await append('Fine', 'Odd', 'Fine');
      runner = new ProjectionRunner(events, reads, [expiry, records], { group: 'g', batchSize: 10 });
      await runner.start();
      const [later] = await append('Fine');
      expect(await runner.waitFor(later)).toBe(true);

      const parked = await reads.listParked();
      expect(parked.filter((p) => p.projection === expiry.name || p.projection === records.name)).toEqual([
        expect.objectContaining({ projection: expiry.name, position: oddAt, type: 'Odd', error: 'RangeError: Invalid time value' }),
      ]);
      // The parked event's writes were undone for the failing projection only.
      expect(await reads.get(expiry.name, String(oddAt))).toBeUndefined();
      expect(await reads.get(records.name, String(oddAt))).toEqual({ type: 'Odd' });
      expect(await reads.get(expiry.name, String(later))).toEqual({ type: 'Fine' });
      expect(await reads.getCheckpoint(expiry.name)).toBe(later);

      const status = runner.status(await events.headPosition());
      expect(status).toMatchObject({ state: 'live', lag: 0, failures: 0 });
      expect(status.projections).toEqual([
        expect.objectContaining({ name: expiry.name, parked: 1, lastParked: expect.objectContaining({ position: oddAt, type: 'Odd' }) }),
        expect.objectContaining({ name: records.name, parked: 0 }),
      ]);
    });

    it('still counts what it parked after a restart', async () => {
      const expiry = new CountingProjection(uniqueName('expiry_'), badDate);
      const [oddAt] = await append('Odd');
      runner = new ProjectionRunner(events, reads, [expiry], { group: 'g' });
      await runner.start();
      await runner.waitFor(oddAt);
      await runner.stop();
      runner = new ProjectionRunner(events, reads, [expiry], { group: 'g' });
      await runner.start();
      expect(runner.status(oddAt).projections[0].parked).toBe(1);
    });
  });

  if (engine === 'postgres') {
    describe('when the engine itself refuses one event\'s document (a NUL character jsonb cannot hold)', () => {
      it('parks that event only: the failed statement is rolled back to its savepoint, not the whole batch', async () => {
        const keeper = new (class extends CountingProjection {
          override async apply(tx: ReadTx, event: RecordedEvent): Promise<void> {
            await tx.put(this.name, String(event.position), event.data);
          }
        })(uniqueName('docs_'));
        const positions = await events.append({
          streamId: uniqueName('s-'), expectedRevision: 'any',
          events: [testEvent('Fine', { s: 'a' }), testEvent('Nul', { s: 'bad\u0000' }), testEvent('Fine', { s: 'c' })],
        }).then((r) => r.positions);
        runner = new ProjectionRunner(events, reads, [keeper], { group: 'g' });
        await runner.start();
        expect(await runner.waitFor(positions[2])).toBe(true);
        expect(await reads.listParked({ projection: keeper.name })).toEqual([expect.objectContaining({ position: positions[1], type: 'Nul' })]);
        expect(await reads.get(keeper.name, String(positions[2]))).toEqual({ s: 'c' });
      });
    });
  }

  describe('when the storage fails (a retriable error)', () => {
    it('retries the batch instead of parking, reports the group stuck, and applies it once the storage is back', async () => {
      let storageBack = false;
      const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      const projection = new CountingProjection(uniqueName('p_'), () => (storageBack ? undefined : full));
      const [at] = await append('Fine');
      runner = new ProjectionRunner(events, reads, [projection], { group: 'g', failuresUntilStuck: 2 });
      await runner.start();
      await waitUntil(() => runner!.status(at).state === 'stuck');
      expect(runner.status(at)).toMatchObject({ lag: at, lastError: { message: expect.stringMatching(/SQLITE_FULL|disk is full/) } });
      storageBack = true;
      expect(await runner.waitFor(at, 10_000)).toBe(true);
      expect(await reads.listParked({ projection: projection.name })).toEqual([]);
      expect(runner.status(at)).toMatchObject({ state: 'live', failures: 0 });
    });
  });

  describe('when it has a long log to catch up', () => {
    it('lets timers and I/O run between batches', async () => {
      const positions = await events.appendMany(
        Array.from({ length: 2000 }, () => ({ streamId: uniqueName('s-'), expectedRevision: 'any' as const, events: [testEvent('Fine')] })),
      );
      const last = positions[positions.length - 1];
      const head = last.ok ? last.result.positions[0] : 0;
      runner = new ProjectionRunner(events, reads, [new CountingProjection(uniqueName('p_'))], { group: 'g', batchSize: 100, catchUpBatchSize: 100 });
      let seenBehind: number | undefined;
      // A macrotask: it runs only if the runner yields to the event loop before the catch-up ends.
      const timer = new Promise<void>((resolve) => setTimeout(() => ((seenBehind = head - runner!.caughtUpTo), resolve()), 0));
      await runner.start();
      await timer;
      expect(seenBehind).toBeGreaterThan(0);
      expect(await runner.waitFor(head, 30_000)).toBe(true);
    });
  });
});

async function waitUntil(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  expect(check()).toBe(true);
}
