import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Prepares a SQLite database path so that only the owner can read it: the directory is
 * created 0700, the file is created 0600 before SQLite opens it (SQLite gives its -wal and
 * -shm files the database file's mode), and files left 0644 by an earlier version are
 * tightened. Call `secureSidecars` after opening, for -wal/-shm files that already existed.
 */
export function prepareSqliteFile(file: string): void {
  if (file === ':memory:') return;
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  tighten(file);
}

export function secureSidecars(file: string): void {
  if (file === ':memory:') return;
  for (const suffix of ['-wal', '-shm', '-journal']) if (existsSync(file + suffix)) tighten(file + suffix);
}

function tighten(path: string): void {
  try {
    chmodSync(path, 0o600);
  } catch (error) {
    // A file owned by another user (a shared mount): its owner decides its mode.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
  }
}

/**
 * Page cache per connection, in KiB (negative cache_size). SQLite's default of 2 MB makes
 * every lookup by a random UUID key (event_id, stream_id) a read() once the indexes outgrow
 * it; 64 MB keeps the hot part of the indexes of a few million events in memory. Durability
 * is unchanged: the cache holds clean pages, and commits still fsync (synchronous=FULL).
 */
export const SQLITE_CACHE_KIB = -65536;
