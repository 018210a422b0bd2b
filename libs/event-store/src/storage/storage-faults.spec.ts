import { StorageUnavailableError } from '../event-store.errors';
import { translateStorageError, WriteFaults } from './storage-faults';

const sqlite = (code: string) => Object.assign(new Error(code), { code });

describe('translateStorageError', () => {
  it.each(['SQLITE_FULL', 'SQLITE_READONLY', 'SQLITE_READONLY_DBMOVED', 'SQLITE_IOERR_WRITE', 'SQLITE_BUSY', 'ENOSPC', 'EROFS', 'EACCES'])(
    'turns %s into a retriable STORAGE.UNAVAILABLE',
    (code) => {
      expect(translateStorageError('event store', sqlite(code))).toMatchObject({ code: 'STORAGE.UNAVAILABLE', retriable: true, fault: code });
    },
  );

  it.each(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_ERROR'])('leaves %s alone: it is about the request, not the disk', (code) => {
    const error = sqlite(code);
    expect(translateStorageError('event store', error)).toBe(error);
  });
});

describe('WriteFaults', () => {
  it('reports not writable after a fault until a write succeeds', () => {
    const faults = new WriteFaults('read store');
    expect(() => faults.run(() => {
      throw sqlite('SQLITE_FULL');
    })).toThrow(StorageUnavailableError);
    expect(faults.health()).toMatchObject({ writable: false, lastFault: { code: 'SQLITE_FULL' } });
    expect(faults.run(() => 1)).toBe(1);
    expect(faults.health()).toEqual({ writable: true });
  });

  it('stops claiming an outage once the window passes without another write', () => {
    const faults = new WriteFaults('read store', 1000);
    faults.failed(sqlite('SQLITE_FULL'));
    expect(faults.health(Date.now() + 2000).writable).toBe(true);
  });
});
