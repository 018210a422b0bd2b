import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Reads a secret file, or creates it with fresh random content readable by the owner only (0600). */
export function readOrCreateSecretFile(file: string, create: () => string): { value: string; created: boolean } {
  if (existsSync(file)) return { value: readFileSync(file, 'utf8').trim(), created: false };
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const value = create();
  // 'wx' fails if another process created it meanwhile: then that process's value wins.
  try {
    writeFileSync(file, `${value}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { value: readFileSync(file, 'utf8').trim(), created: false };
    throw error;
  }
  chmodSync(file, 0o600);
  return { value, created: true };
}

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}
