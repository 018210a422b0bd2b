import { StorageUnavailableError } from '../event-store.errors';

/**
 * Engine and OS codes that mean "the storage cannot take writes now" rather than "this
 * request is wrong": disk full, read-only file or mount, I/O failure, lock held too long.
 * Duck-typed on `code`, so this module needs no vendor import.
 */
const SQLITE_FAULT = /^SQLITE_(FULL|READONLY|IOERR|CANTOPEN|BUSY|LOCKED|PROTOCOL|NOLFS)/;
const ERRNO_FAULT = new Set(['ENOSPC', 'EROFS', 'EACCES', 'EPERM', 'EIO', 'EDQUOT']);

export function storageFaultCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return undefined;
  return SQLITE_FAULT.test(code) || ERRNO_FAULT.has(code) ? code : undefined;
}

/** A storage fault as our retriable STORAGE.UNAVAILABLE; any other error unchanged. */
export function translateStorageError(store: string, error: unknown): unknown {
  if (error instanceof StorageUnavailableError) return error;
  const code = storageFaultCode(error);
  return code ? new StorageUnavailableError(store, code) : error;
}

/** What a store says about its writes for `/health`. */
export interface StorageHealth {
  /** False while the last write failed with a storage fault, for up to the watch window. */
  writable: boolean;
  lastFault?: { code: string; at: string };
}

/**
 * Remembers a store's last write fault. The store counts as not writable from a fault until
 * a write succeeds again, or until `windowMs` passes without another write (no write tried,
 * nothing known to be failing: health then stops claiming an outage it cannot see).
 */
export class WriteFaults {
  private fault?: { code: string; at: number };

  constructor(
    readonly store: string,
    private readonly windowMs = 30_000,
  ) {}

  /** Runs a synchronous write, noting its outcome; a storage fault is thrown as STORAGE.UNAVAILABLE. */
  run<T>(write: () => T): T {
    try {
      const result = write();
      this.fault = undefined;
      return result;
    } catch (error) {
      throw this.failed(error);
    }
  }

  /** Notes `error` if it is a storage fault; returns the error to throw. */
  failed(error: unknown): unknown {
    const translated = translateStorageError(this.store, error);
    if (translated instanceof StorageUnavailableError) this.fault = { code: translated.fault, at: Date.now() };
    return translated;
  }

  succeeded(): void {
    this.fault = undefined;
  }

  health(now = Date.now()): StorageHealth {
    if (!this.fault) return { writable: true };
    const lastFault = { code: this.fault.code, at: new Date(this.fault.at).toISOString() };
    return { writable: now - this.fault.at > this.windowMs, lastFault };
  }
}
