import { leafHash } from '@app/ledger-crypto';
import { rmSync } from 'node:fs';
import { exportLines } from './export-lines';
import { SyntheticLog } from './synthetic-log.fixture';

describe('exportLines', () => {
  const log = new SyntheticLog(0);
  afterAll(() => rmSync(log.dir, { recursive: true, force: true }));
  const read = async (content: Buffer | string, options?: { start?: number; maxLines?: number }) => {
    const out = [];
    for await (const line of exportLines(log.write('lines.ndjson', content), options)) out.push(line);
    return out;
  };

  it('hashes each line\'s exact bytes as a leaf, with the offset where it starts', async () => {
    const lines = await read('{"a":1}\n{"b":"ü"}\n');
    expect(lines).toEqual([
      { hash: leafHash(Buffer.from('{"a":1}')), offset: 0 },
      { hash: leafHash(Buffer.from('{"b":"ü"}')), offset: 8 },
    ]);
  });

  it('counts a last line without its newline, and no empty line after a final newline', async () => {
    expect((await read('x\ny')).map((l) => l.hash)).toEqual([leafHash('x'), leafHash('y')]);
    expect(await read('')).toEqual([]);
    expect((await read('\n\n')).map((l) => l.hash)).toEqual([leafHash(''), leafHash('')]);
  });

  it('never decodes: bytes that are not UTF-8 and carriage returns are part of the leaf', async () => {
    const bad = Buffer.from([0x7b, 0xff, 0xfe, 0x0d, 0x7d]);
    expect((await read(Buffer.concat([bad, Buffer.from('\n')])))[0].hash).toEqual(leafHash(bad));
  });

  it('hashes a line longer than any chunk in one piece', async () => {
    const long = Buffer.alloc(200_000, 0x61);
    expect((await read(Buffer.concat([long, Buffer.from('\nb\n')]))).map((l) => l.hash)).toEqual([leafHash(long), leafHash('b')]);
  });

  it('starts at a line\'s offset and stops after maxLines', async () => {
    const lines = await read('a\nbb\nccc\ndddd\n', { start: 2, maxLines: 2 });
    expect(lines).toEqual([
      { hash: leafHash('bb'), offset: 2 },
      { hash: leafHash('ccc'), offset: 5 },
    ]);
  });
});
