import type { IncomingMessage } from 'node:http';
import { RawBodyTaps } from './raw-body-taps';

describe('RawBodyTaps', () => {
  it('hands every body to each tap once, however often the tap was added', () => {
    const seen: string[] = [];
    const taps = new RawBodyTaps();
    const tap = (_req: IncomingMessage, body: Buffer) => seen.push(body.toString());
    taps.add(tap);
    taps.add(tap);
    taps.run({} as IncomingMessage, Buffer.from('{}'));
    expect(seen).toEqual(['{}']);
  });
});
