import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Actor, buildMetadata, LedgerEvent } from '@app/contracts';
import { AppendRequest, openEventStore } from '@app/event-store';
import { openReadStore, ParkedEvent, Projection, ProjectionRunner } from '@app/read-store';

/** Every document of each collection, in id order. */
export type ReadModelDump = Record<string, unknown[]>;

export interface ProjectedTwice {
  /** The read model built event by event, one transaction per event, as when following live appends. */
  incremental: ReadModelDump;
  /** The same read model reset and rebuilt from the whole log in one batch, as a replay does. */
  rebuilt: ReadModelDump;
  parked: ParkedEvent[];
}

/**
 * Appends `log` to a fresh SQLite event store and projects it with `projection` into a
 * fresh SQLite read store twice: event by event, then, after a reset, in one replay.
 * A projection must build the same rows both ways.
 */
export async function projectTwice(projection: Projection, log: AppendRequest[]): Promise<ProjectedTwice> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-projection-'));
  const events = await openEventStore(`sqlite:${join(dir, 'events.db')}`);
  const reads = await openReadStore(`sqlite:${join(dir, 'read.db')}`);
  try {
    for (const request of log) await events.append(request);
    const head = await events.headPosition();
    const run = async (batchSize: number): Promise<ReadModelDump> => {
      const runner = new ProjectionRunner(events, reads, [projection], { group: 'replay', batchSize });
      await runner.start();
      const done = await runner.waitFor(head, 10_000);
      await runner.stop();
      if (!done) throw new Error(`${projection.name} did not reach position ${head}`);
      const dump: ReadModelDump = {};
      for (const c of projection.collections) dump[c] = await reads.find(c, {}, { limit: 10_000 });
      return dump;
    };
    const incremental = await run(1);
    const parked = await reads.listParked({ projection: projection.name });
    await reads.reset(projection.collections, projection.name);
    const rebuilt = await run(10_000);
    return { incremental, rebuilt, parked };
  } finally {
    await events.close();
    await reads.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One ledger event appended to `streamId`, happened and recorded at `at`. */
export function appended(streamId: string, event: LedgerEvent, at: string, actor: Actor = { role: 'system', id: 'test' }): AppendRequest {
  const metadata = buildMetadata({ actor, channel: 'internal', correlationId: randomUUID(), now: at }, { eventId: randomUUID() });
  return { streamId, expectedRevision: 'any', events: [{ ...event, metadata }] };
}
