import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnyEvent, RecordedEvent } from '@app/contracts';
import { EventStore, openEventStore } from '@app/event-store';
import { readStoreEngines, testEvent, uniqueName } from '@app/testing';
import { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';
import { ReadStore, ReadTx } from './read-store.port';

/**
 * Writes, in one document, every position it applies, in the order it applies them: a
 * duplicate or an out-of-order apply shows in the list. `fault` may throw before a write.
 */
class LedgerOfApplies implements Projection<AnyEvent> {
  readonly collections: string[];
  constructor(
    readonly name: string,
    private readonly fault: (event: RecordedEvent<AnyEvent>) => Error | undefined = () => undefined,
  ) {
    this.collections = [name];
  }

  async apply(tx: ReadTx, event: RecordedEvent<AnyEvent>): Promise<void> {
    const seen = (await tx.get<{ positions: number[] }>(this.name, 'applied')) ?? { positions: [] };
    await tx.put(this.name, 'applied', { positions: [...seen.positions, event.position] });
    const error = this.fault(event);
    if (error) throw error;
  }
}

const { engines: readStores, dropSchemas } = readStoreEngines('ProjectionRunner delivery', 'delivery_');
afterAll(dropSchemas);

describe.each(readStores)('ProjectionRunner delivery on a real SQLite event store and a %s read store', (_engine, openReads) => {
  let dir: string;
  let events: EventStore<AnyEvent>;
  let reads: ReadStore;
  let runner: ProjectionRunner<AnyEvent> | undefined;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-delivery-'));
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

  /** Appends `count` events to each of `streams` streams, interleaved, one append each; their positions in log order. */
  const interleave = async (streams: number, count: number): Promise<number[]> => {
    const ids = Array.from({ length: streams }, () => uniqueName('s-'));
    const positions: number[] = [];
    for (let i = 0; i < count; i++) {
      for (const streamId of ids) positions.push(...(await events.append({ streamId, expectedRevision: 'any', events: [testEvent('Fine')] })).positions);
    }
    return positions;
  };
  const applied = async (p: Projection<AnyEvent>) => (await reads.get<{ positions: number[] }>(p.name, 'applied'))?.positions ?? [];
  const run = async (projections: Projection<AnyEvent>[], batchSize = 4) => {
    await runner?.stop();
    runner = new ProjectionRunner(events, reads, projections, { group: 'g', batchSize });
    await runner.start();
    return runner;
  };

  describe('when streams are written interleaved', () => {
    it('applies every event once, in the order of the global log, across batches', async () => {
      const positions = await interleave(3, 5);
      const p = new LedgerOfApplies(uniqueName('p_'));
      expect(await (await run([p])).waitFor(positions[positions.length - 1])).toBe(true);
      expect(await applied(p)).toEqual(positions);
      expect(await reads.getCheckpoint(p.name)).toBe(positions[positions.length - 1]);
    });
  });

  describe('when a batch fails half-way on a storage fault', () => {
    it('keeps neither its writes nor its checkpoint, so the retry applies each event once', async () => {
      const positions = await interleave(2, 3);
      let faults = 1;
      const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      // Fails after writing the third event of the first batch: the first two were written in the same transaction.
      const p = new LedgerOfApplies(uniqueName('p_'), (e) => (e.position === positions[2] && faults-- > 0 ? full : undefined));
      expect(await (await run([p])).waitFor(positions[positions.length - 1], 10_000)).toBe(true);
      expect(await applied(p)).toEqual(positions);
      expect(await reads.listParked({ projection: p.name })).toEqual([]);
    });
  });

  describe('when it restarts from its checkpoint', () => {
    it('does not apply again what it applied before, and goes on with what came after', async () => {
      const before = await interleave(2, 3);
      const p = new LedgerOfApplies(uniqueName('p_'));
      await (await run([p])).waitFor(before[before.length - 1]);
      await runner!.stop();
      const after = await interleave(2, 2);
      expect(await (await run([p])).waitFor(after[after.length - 1])).toBe(true);
      expect(await applied(p)).toEqual([...before, ...after]);
    });

    it('lets a projection added to the group replay the log from the start while the others skip what they have', async () => {
      const positions = await interleave(2, 4);
      const old = new LedgerOfApplies(uniqueName('old_'));
      await (await run([old])).waitFor(positions[positions.length - 1]);
      const added = new LedgerOfApplies(uniqueName('new_'));
      expect(await (await run([old, added])).waitFor(positions[positions.length - 1])).toBe(true);
      expect(await applied(old)).toEqual(positions);
      expect(await applied(added)).toEqual(positions);
    });
  });
});
