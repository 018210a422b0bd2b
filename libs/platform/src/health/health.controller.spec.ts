import type { Response } from 'express';
import { RunnerStatus } from '@app/read-store';
import { HealthController } from './health.controller';
import { Component, LedgerStatus } from './ledger-status';

interface World {
  bus?: Component | null;
  readStore?: Component | null;
  groups?: RunnerStatus[] | null;
  storage?: ReturnType<LedgerStatus['storage']>;
  headFails?: boolean;
}

async function check(world: World) {
  const status = {
    head: async () => {
      if (world.headFails) throw new Error('SQLITE_IOERR');
      return 10;
    },
    // null: the app does not wire that part.
    readStore: async () => (world.readStore === null ? undefined : (world.readStore ?? { status: 'up' })),
    projections: () => (world.groups === null ? undefined : (world.groups ?? [])),
    storage: () => world.storage ?? {},
    bus: () => (world.bus === null ? undefined : (world.bus ?? { status: 'up' })),
  } as unknown as LedgerStatus;
  let code = 0;
  const res = { status: (c: number) => ((code = c), res) } as unknown as Response;
  const body = await new HealthController(status).check(res);
  return { code, body };
}

describe('HealthController', () => {
  it('answers 200 ok when every part is up', async () => {
    expect(await check({})).toMatchObject({ code: 200, body: { status: 'ok', details: { eventStore: { status: 'up', headPosition: 10 }, bus: { status: 'up' } } } });
  });

  describe('when the app wires no bus and no read store', () => {
    it('answers 200 ok from the parts it has, without reporting the others', async () => {
      const { code, body } = await check({ bus: null, readStore: null, groups: null });
      expect(code).toBe(200);
      expect(Object.keys(body.details)).toEqual(['eventStore']);
    });
  });

  describe('when the read store is unreachable', () => {
    it('answers 503', async () => {
      expect(await check({ readStore: { status: 'down', message: 'ECONNREFUSED' } })).toMatchObject({ code: 503, body: { details: { readStore: { status: 'down' } } } });
    });
  });

  describe('when the bus is degraded (consumers joining)', () => {
    it('still answers 200, saying degraded', async () => {
      expect(await check({ bus: { status: 'degraded', joining: ['g'] } })).toMatchObject({ code: 200, body: { status: 'degraded', details: { bus: { status: 'degraded', joining: ['g'] } } } });
    });
  });

  describe('when the bus is down', () => {
    it('answers 503', async () => {
      expect(await check({ bus: { status: 'down' } })).toMatchObject({ code: 503, body: { status: 'error' } });
    });
  });

  describe('when a store cannot write', () => {
    it('answers 503 naming the store and the fault', async () => {
      const storage = { readStore: { writable: false, lastFault: { code: 'SQLITE_FULL', at: '2026-01-01T00:00:00.000Z' } } };
      expect(await check({ storage })).toMatchObject({ code: 503, body: { status: 'error', details: { readStore: { status: 'down', writable: false, lastFault: { code: 'SQLITE_FULL' } } } } });
    });
  });

  describe('when a projection group is stuck', () => {
    it('answers 503 naming the group and its last error', async () => {
      const stuck: RunnerStatus = {
        group: 'providers.expiry', state: 'stuck', position: 4, head: 10, lag: 6, behind: false, failures: 5,
        lastError: { message: 'StorageUnavailableError: ...', at: '2026-01-01T00:00:00.000Z' }, projections: [{ name: 'p', checkpoint: 4, parked: 0 }],
      };
      const { code, body } = await check({ groups: [stuck] });
      expect(code).toBe(503);
      expect(body.details.projections).toMatchObject({ status: 'down', stuck: ['providers.expiry'], lag: 6, groups: [{ lastError: { message: expect.any(String) } }] });
    });
  });

  describe('when the event store cannot be read', () => {
    it('answers 503', async () => {
      expect(await check({ headFails: true })).toMatchObject({ code: 503, body: { details: { eventStore: { status: 'down' } } } });
    });
  });
});
