import { RecordedEvent } from '@app/contracts';
import { LogWindow } from './log-window';

/** A log of positions 1..n (with a gap, as a rolled-back append leaves), counting the reads that reach it. */
function log(positions: number[]) {
  const events = positions.map((position) => ({ position, streamId: `s-${position}`, revision: 0, type: 'T', data: {}, metadata: {} }) as unknown as RecordedEvent);
  const reads: [number, number][] = [];
  const read = async (after: number, max: number) => {
    reads.push([after, max]);
    return events.filter((e) => e.position > after).slice(0, max);
  };
  return { events, reads, read, append: (p: number) => events.push({ ...events[0], position: p }) };
}

const positions = (events: RecordedEvent[]) => events.map((e) => e.position);

describe('LogWindow', () => {
  describe('when several readers follow the log', () => {
    it('answers a read the window covers without reading the log again', async () => {
      const l = log([1, 2, 3, 5, 6, 7]);
      const w = new LogWindow(l.read, 100);
      expect(positions(await w.readAfter(0, 10))).toEqual([1, 2, 3, 5, 6, 7]);
      expect(positions(await w.readAfter(2, 2))).toEqual([3, 5]);
      expect(positions(await w.readAfter(3, 10))).toEqual([5, 6, 7]);
      expect(l.reads).toEqual([[0, 10], [7, 7]]);
    });

    it('reads past its end and keeps what it read', async () => {
      const l = log([1, 2, 3]);
      const w = new LogWindow(l.read, 100);
      await w.readAfter(0, 10);
      l.append(4);
      l.append(9);
      expect(positions(await w.readAfter(2, 10))).toEqual([3, 4, 9]);
      expect(positions(await w.readAfter(0, 10))).toEqual([1, 2, 3, 4, 9]);
      expect(l.reads).toEqual([[0, 10], [3, 9], [9, 5]]);
    });
  });

  describe('when a reader is behind the window', () => {
    it('reads the log directly and leaves the window as it was', async () => {
      const l = log(Array.from({ length: 40 }, (_, i) => i + 1));
      const w = new LogWindow(l.read, 10);
      await w.readAfter(0, 10);
      for (let after = 10; after < 40; after += 10) await w.readAfter(after, 10);
      l.reads.length = 0;
      expect(positions(await w.readAfter(0, 3))).toEqual([1, 2, 3]);
      expect(l.reads).toEqual([[0, 3]]);
      expect(positions(await w.readAfter(35, 10))).toEqual([36, 37, 38, 39, 40]);
      expect(l.reads).toEqual([[0, 3], [40, 5]]);
    });
  });
});
