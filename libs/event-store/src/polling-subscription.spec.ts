import { RecordedEvent } from '@app/contracts';
import { PollingSubscriptions } from './polling-subscription';

const event = (position: number) => ({ streamId: `s-${position}`, revision: 0, position, type: 'T', data: {}, metadata: {} }) as unknown as RecordedEvent;

describe('PollingSubscription batch sizes', () => {
  it('reads catchUpBatchSize after a full read, and batchSize again once it has reached the head', async () => {
    const log = Array.from({ length: 23 }, (_, i) => event(i + 1));
    const asked: number[] = [];
    const subscriptions = new PollingSubscriptions(async (after, max) => {
      asked.push(max);
      return log.filter((e) => e.position > after).slice(0, max);
    }, 10_000);
    const sizes: number[] = [];
    let done!: () => void;
    const reachedHead = new Promise<void>((r) => (done = r));
    const sub = subscriptions.open(0, async (batch) => {
      sizes.push(batch.length);
      if (batch[batch.length - 1].position === log[log.length - 1].position) done();
    }, { batchSize: 2, catchUpBatchSize: 5 });
    await reachedHead;
    // 2 (full) -> 5, 5, 5, 5 (full) -> 1 (the rest): 2 + 20 + 1 = 23.
    expect(sizes).toEqual([2, 5, 5, 5, 5, 1]);
    log.push(event(24), event(25), event(26));
    subscriptions.appended();
    await new Promise((r) => setTimeout(r, 50));
    await sub.stop();
    // Live again after a short read: the next reads ask for batchSize.
    expect(sizes.slice(6)).toEqual([2, 1]);
    expect(asked.slice(0, 7)).toEqual([2, 5, 5, 5, 5, 5, 2]);
  });

  it('never reads less than batchSize while catching up', async () => {
    const log = Array.from({ length: 6 }, (_, i) => event(i + 1));
    const subscriptions = new PollingSubscriptions(async (after, max) => log.filter((e) => e.position > after).slice(0, max), 10_000);
    const sizes: number[] = [];
    let done!: () => void;
    const reachedHead = new Promise<void>((r) => (done = r));
    const sub = subscriptions.open(0, async (batch) => {
      sizes.push(batch.length);
      if (batch[batch.length - 1].position === 6) done();
    }, { batchSize: 3, catchUpBatchSize: 1 });
    await reachedHead;
    await sub.stop();
    expect(sizes).toEqual([3, 3]);
  });
});
