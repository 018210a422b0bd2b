import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real, small filesystem (tmpfs) for storage-fault tests: it can be filled to ENOSPC and
 * freed again, so the stores meet a real full disk rather than a mock. Mounting needs root
 * (or CAP_SYS_ADMIN); `SmallDisk.mount` answers why not when it cannot.
 */
export class SmallDisk {
  private filler?: string;

  private constructor(readonly dir: string) {}

  static mount(sizeMb: number): SmallDisk | string {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-disk-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m,mode=0755`, 'tmpfs', dir], { stdio: 'pipe' });
      return new SmallDisk(dir);
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      return `cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN): ${(error as Error).message.split('\n')[0]}`;
    }
  }

  /** Writes a filler file until the disk refuses (ENOSPC). */
  fill(): void {
    this.filler = join(this.dir, `filler-${Date.now()}`);
    const fd = openSync(this.filler, 'w');
    const chunk = Buffer.alloc(64 * 1024, 1);
    try {
      for (;;) writeSync(fd, chunk);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      // Fill the last partial page too, so even a one-page write fails.
      for (let size = chunk.length / 2; size >= 512; size /= 2) {
        try {
          writeSync(fd, chunk.subarray(0, size));
        } catch {
          // keep halving
        }
      }
    } finally {
      closeSync(fd);
    }
  }

  free(): void {
    if (this.filler) rmSync(this.filler, { force: true });
    this.filler = undefined;
  }

  /** Read-only or writable again, as an operator's remount would do (no file may be open for writing). */
  remount(mode: 'ro' | 'rw'): void {
    execFileSync('mount', ['-o', `remount,${mode}`, this.dir], { stdio: 'pipe' });
  }

  subdir(name: string): string {
    const path = join(this.dir, name);
    mkdirSync(path, { recursive: true });
    return path;
  }

  unmount(): void {
    try {
      execFileSync('umount', ['-l', this.dir], { stdio: 'pipe' });
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}
