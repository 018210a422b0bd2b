import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertDataDirWritable } from './data-dir';
import { InvalidConfigurationError } from './env';

describe('assertDataDirWritable', () => {
  const root = mkdtempSync(join(tmpdir(), 'ledger-datadir-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  describe('when the directory is missing', () => {
    it('creates it 0700 and leaves no probe behind', () => {
      const dir = join(root, 'fresh', 'data');
      assertDataDirWritable(dir);
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(readdirSync(dir)).toEqual([]);
    });
  });

  describe('when DATA_DIR cannot hold files (here: it is a regular file)', () => {
    it('stops with a configuration error naming the directory', () => {
      const file = join(root, 'not-a-dir');
      writeFileSync(file, 'x');
      expect(() => assertDataDirWritable(file)).toThrow(InvalidConfigurationError);
      expect(() => assertDataDirWritable(join(file, 'data'))).toThrow(`DATA_DIR: ${join(file, 'data')} is not a writable directory (ENOTDIR)`);
    });
  });
});
