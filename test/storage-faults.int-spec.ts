import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnyEvent } from '@app/contracts';
import { EventStore, openEventStore, StorageUnavailableError } from '@app/event-store';
import { openReadStore, ReadStore } from '@app/read-store';
import { SmallDisk, testEvent, uniqueName } from '@app/testing';
import { openKeyVault } from '@app/personal-data';

/**
 * Issue 8 item 15 on real faults: a tmpfs filled to ENOSPC (SQLITE_FULL) and a connection
 * switched to read-only (SQLITE_READONLY). Each embedded store answers a retriable
 * STORAGE.UNAVAILABLE, keeps what it had, reports itself not writable, and works again
 * once the disk has room.
 */
const disk = SmallDisk.mount(8);
if (typeof disk === 'string') console.warn(`storage-fault suite skipped: ${disk}`);
const onDisk = typeof disk === 'string' ? describe.skip : describe;

const bigEvents = (n: number) => Array.from({ length: n }, () => testEvent('Big', { blob: randomBytes(2048).toString('hex') }));
const storageUnavailable = expect.objectContaining({ code: 'STORAGE.UNAVAILABLE', retriable: true });

onDisk('when the disk under the embedded stores is full', () => {
  const d = disk as SmallDisk;
  afterAll(() => d.unmount());
  afterEach(() => d.free());

  it('the event store refuses the append as STORAGE.UNAVAILABLE, loses nothing, and accepts it once space is freed', async () => {
    const events: EventStore<AnyEvent> = await openEventStore(`sqlite:${d.subdir(uniqueName('es-'))}/events.db`);
    try {
      const kept = await events.append({ streamId: 'kept', expectedRevision: 'no-stream', events: [testEvent('Kept')] });
      d.fill();
      const request = { streamId: 'big', expectedRevision: 'no-stream' as const, events: bigEvents(400) };
      const refused = await events.append(request).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(StorageUnavailableError);
      expect(refused).toEqual(storageUnavailable);
      expect(events.storageHealth?.()).toMatchObject({ writable: false, lastFault: { code: expect.stringMatching(/^SQLITE_(FULL|IOERR)/) } });
      expect(await events.readStream('big')).toEqual([]);
      expect(await events.readStream('kept')).toHaveLength(1);

      d.free();
      const accepted = await events.append(request);
      expect(accepted.positions).toHaveLength(400);
      expect(events.storageHealth?.()).toEqual({ writable: true });
      expect(await events.headPosition()).toBe(kept.positions[0] + 400);
    } finally {
      await events.close();
    }
  });

  it('the read store rolls the transaction back as STORAGE.UNAVAILABLE and commits it once space is freed', async () => {
    const reads: ReadStore = await openReadStore(`sqlite:${d.subdir(uniqueName('rs-'))}/read.db`);
    try {
      const write = (tx: Parameters<Parameters<ReadStore['transaction']>[0]>[0]) =>
        Promise.all(Array.from({ length: 400 }, (_, i) => tx.put('c', String(i), { blob: randomBytes(2048).toString('hex') }))).then(() => tx.setCheckpoint('p', 1));
      d.fill();
      await expect(reads.transaction(write)).rejects.toEqual(storageUnavailable);
      expect(reads.storageHealth?.()).toMatchObject({ writable: false });
      expect(await reads.getCheckpoint('p')).toBe(0);
      d.free();
      await reads.transaction(write);
      expect(await reads.getCheckpoint('p')).toBe(1);
      expect(reads.storageHealth?.()).toEqual({ writable: true });
    } finally {
      await reads.close();
    }
  });

  it('the key vault refuses to create a key as STORAGE.UNAVAILABLE and creates it once space is freed', async () => {
    const dir = d.subdir(uniqueName('kv-'));
    const vault = await openKeyVault(`sqlite:${dir}/vault.db`, dir, randomBytes(32).toString('hex'));
    try {
      d.fill();
      // Enough keys to need new pages, whatever room the WAL still had.
      const refused = await (async () => {
        for (let i = 0; i < 5000; i++) await vault.getOrCreate(`k-${i}`);
      })().catch((e: unknown) => e);
      expect(refused).toEqual(storageUnavailable);
      d.free();
      expect(await vault.getOrCreate('after')).toHaveLength(32);
    } finally {
      await vault.close();
    }
  });
});

describe('when a store connection turns read-only under the app', () => {
  it('answers STORAGE.UNAVAILABLE (SQLITE_READONLY) and works again once writable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-ro-'));
    const events: EventStore<AnyEvent> = await openEventStore(`sqlite:${dir}/events.db`);
    // The real engine's read-only refusal (what a read-only remount gives a running process),
    // switched on for the adapter's own connection.
    const db = (events as unknown as { db: { exec(sql: string): void } }).db;
    try {
      db.exec('PRAGMA query_only = 1');
      await expect(events.append({ streamId: 's', expectedRevision: 'any', events: [testEvent()] })).rejects.toEqual(storageUnavailable);
      expect(events.storageHealth?.()).toMatchObject({ writable: false, lastFault: { code: 'SQLITE_READONLY' } });
      db.exec('PRAGMA query_only = 0');
      await events.append({ streamId: 's', expectedRevision: 'any', events: [testEvent()] });
      expect(events.storageHealth?.()).toEqual({ writable: true });
    } finally {
      await events.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('when the embedded stores create their files', () => {
  const root = mkdtempSync(join(tmpdir(), 'ledger-perms-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const mode = (path: string) => statSync(path).mode & 0o777;

  it('makes databases and their -wal/-shm files 0600 and new directories 0700', async () => {
    const dir = join(root, 'new', 'data');
    const events: EventStore<AnyEvent> = await openEventStore(`sqlite:${dir}/events.db`);
    const reads = await openReadStore(`sqlite:${dir}/read.db`);
    const vault = await openKeyVault(`sqlite:${dir}/vault.db`, dir, randomBytes(32).toString('hex'));
    try {
      await events.append({ streamId: 's', expectedRevision: 'any', events: [testEvent()] });
      await reads.transaction((tx) => tx.setCheckpoint('p', 1));
      await vault.getOrCreate('k');
      expect([mode(join(root, 'new')), mode(dir)]).toEqual([0o700, 0o700]);
      for (const db of ['events.db', 'read.db', 'vault.db']) {
        for (const suffix of ['', '-wal', '-shm']) {
          const file = join(dir, db + suffix);
          expect(existsSync(file) ? [file, mode(file)] : [file, 'missing']).toEqual([file, 0o600]);
        }
      }
    } finally {
      await Promise.all([events.close(), reads.close(), vault.close()]);
    }
  });

  it('tightens a database an earlier version left 0644', async () => {
    const file = join(root, 'old.db');
    writeFileSync(file, '');
    chmodSync(file, 0o644);
    const events = await openEventStore(`sqlite:${file}`);
    await events.close();
    expect(mode(file)).toBe(0o600);
  });
});
