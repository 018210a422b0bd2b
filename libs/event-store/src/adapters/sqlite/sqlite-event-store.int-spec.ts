import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract } from '@app/testing';
import { SqliteEventStore } from './sqlite-event-store';

const dir = mkdtempSync(join(tmpdir(), 'ledger-es-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

eventStoreContract('sqlite (file)', async () => new SqliteEventStore(join(dir, 'events.db'), { pollIntervalMs: 50 }));
