import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidConfigurationError } from './env';

/**
 * Stops the start when DATA_DIR cannot take files: better a message naming the directory
 * now than a 500 on the first write. Creates the directory (0700: it holds keys and personal
 * data) when missing, then writes and removes a probe file, which also catches a read-only
 * mount or a full disk that permission bits alone would not show (and works as root).
 */
export function assertDataDirWritable(dataDir: string): void {
  const probe = join(dataDir, `.write-probe-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(probe, 'probe', { flag: 'wx', mode: 0o600 });
    rmSync(probe);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new InvalidConfigurationError(`invalid configuration:\n  DATA_DIR: ${dataDir} is not a writable directory (${code}); set DATA_DIR to one the ledger can write`);
  }
}
