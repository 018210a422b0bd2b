import { RecordedEvent } from '@app/contracts';
import { BatchHandler, EventStore } from '@app/event-store';
import { ProjectionRunner } from './projection-runner';
import { ReadStore } from './read-store.port';

/** A log whose subscription never delivers: the group sits at its checkpoint while the head moves on. */
const silentLog = { subscribeToAll: () => ({ stop: async () => undefined }) } as unknown as EventStore;
const store = { getCheckpoint: async () => 5, countParked: async () => ({}) } as unknown as ReadStore;
const projection = { name: 'p', collections: [], apply: async () => undefined };

describe('ProjectionRunner status', () => {
  it('is starting until its checkpoints are read', () => {
    expect(new ProjectionRunner(silentLog, store, [projection], { group: 'g' }).status(9).state).toBe('starting');
  });

  describe('when it does not move while the head is ahead', () => {
    it('reads catching-up at first, then stuck once the stall lasts past stuckAfterMs', async () => {
      const runner = new ProjectionRunner(silentLog, store, [projection], { group: 'g', stuckAfterMs: 1000 });
      await runner.start();
      expect(runner.status(9, 0)).toMatchObject({ state: 'catching-up', position: 5, lag: 4 });
      expect(runner.status(12, 999).state).toBe('catching-up');
      expect(runner.status(12, 1001).state).toBe('stuck');
    });
  });

  describe('when it is at the head', () => {
    it('is live, however long it has been idle', async () => {
      const runner = new ProjectionRunner(silentLog, store, [projection], { group: 'g', stuckAfterMs: 1000 });
      await runner.start();
      expect(runner.status(5, 0).state).toBe('live');
      expect(runner.status(5, 10_000).state).toBe('live');
    });
  });

  describe('when it replays a backlog (full batches one after another)', () => {
    it('reads behind once the backlog lasts past behindAfterMs, and not once a batch reaches the head', async () => {
      let deliver!: BatchHandler;
      const log = { subscribeToAll: (_: number, handler: BatchHandler) => ((deliver = handler), { stop: async () => undefined }) } as unknown as EventStore;
      const tx = { getCheckpoint: async () => 0, setCheckpoint: async () => undefined };
      const reads = { ...store, getCheckpoint: async () => 0, transaction: async (work: (t: typeof tx) => Promise<unknown>) => work(tx) } as unknown as ReadStore;
      const runner = new ProjectionRunner(log, reads, [projection], { group: 'g', batchSize: 2, behindAfterMs: 1000 });
      await runner.start();
      const event = (position: number) => ({ position, type: 'T', metadata: { eventId: `e${position}` } }) as unknown as RecordedEvent;

      await deliver([event(1), event(2)]);
      expect(runner.status(100, Date.now()).behind).toBe(false);
      expect(runner.status(100, Date.now() + 1500)).toMatchObject({ state: 'catching-up', behind: true });
      await deliver([event(3)]);
      expect(runner.status(100, Date.now() + 1500).behind).toBe(false);
    });
  });

  describe('with a projection that applies whole batches (applyBatch)', () => {
    function harness(checkpoint: number, fails: (positions: number[]) => boolean) {
      let deliver!: BatchHandler;
      const log = { subscribeToAll: (_: number, handler: BatchHandler) => ((deliver = handler), { stop: async () => undefined }) } as unknown as EventStore;
      const calls: string[] = [];
      const parked: number[] = [];
      const tx = {
        getCheckpoint: async () => checkpoint, setCheckpoint: async (_: string, p: number) => void calls.push(`checkpoint ${p}`),
        savepoint: async (work: () => Promise<void>) => work(), park: async (e: { position: number }) => void parked.push(e.position),
      };
      const reads = { ...store, getCheckpoint: async () => checkpoint, transaction: async (work: (t: typeof tx) => Promise<unknown>) => work(tx) } as unknown as ReadStore;
      const batching = {
        name: 'b', collections: [],
        applyBatch: async (_: unknown, events: RecordedEvent[]) => {
          const positions = events.map((e) => e.position);
          calls.push(`batch ${positions.join(',')}`);
          if (fails(positions)) throw new Error('bad event in the batch');
        },
        apply: async (_: unknown, e: RecordedEvent) => {
          calls.push(`apply ${e.position}`);
          if (fails([e.position])) throw new Error('bad event');
        },
      };
      const runner = new ProjectionRunner(log, reads, [batching], { group: 'g' });
      const event = (position: number) => ({ position, type: 'T', metadata: { eventId: `e${position}` } }) as unknown as RecordedEvent;
      return { runner, calls, parked, deliver: (...positions: number[]) => deliver(positions.map(event)) };
    }

    it('hands it the events past its checkpoint in one call, then stores the checkpoint', async () => {
      const h = harness(5, () => false);
      await h.runner.start();
      await h.deliver(4, 5, 6, 7);
      expect(h.calls).toEqual(['batch 6,7', 'checkpoint 7']);
      expect(h.runner.caughtUpTo).toBe(7);
    });

    it('falls back to apply, event by event, when the batch fails, and parks only the event that fails', async () => {
      const h = harness(0, (positions) => positions.includes(2));
      await h.runner.start();
      await h.deliver(1, 2, 3);
      expect(h.calls).toEqual(['batch 1,2,3', 'apply 1', 'apply 2', 'apply 3', 'checkpoint 3']);
      expect(h.parked).toEqual([2]);
    });
  });
});

describe('ProjectionRunner.waitFor', () => {
  it('answers false after its timeout and leaves no waiter behind (an idle long poll holds nothing)', async () => {
    const runner = new ProjectionRunner(silentLog, store, [projection], { group: 'g' });
    await runner.start();
    const waits = [runner.waitFor(6, 10), runner.waitFor(7, 10), runner.waitFor(8, 10)];
    expect(runner.waiting).toBe(3);
    expect(await Promise.all(waits)).toEqual([false, false, false]);
    expect(runner.waiting).toBe(0);
  });

  it('answers true at once for a position already applied, and waits for none', async () => {
    const runner = new ProjectionRunner(silentLog, store, [projection], { group: 'g' });
    await runner.start();
    expect(await runner.waitFor(5, 10)).toBe(true);
    expect(runner.waiting).toBe(0);
  });
});
