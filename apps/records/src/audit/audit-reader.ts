import { Inject, Injectable } from '@nestjs/common';
import { Principal } from '@app/auth';
import { RecordedEvent } from '@app/contracts';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { READ_STORE, ReadStore, Scalar } from '@app/read-store';
import { AuditCollections, AuditIndexRow, rowId } from './audit-index';
import { AuditFilter, matchesRest, mayReachRow } from './audit-scope';

/** One event of the audit trail: the event exactly as stored, its place in the log and who/how/why. */
export interface AuditItem {
  position: number;
  /** Its leaf index in the verifiable log; null while the audit index has not reached it yet. */
  leafIndex: number | null;
  streamId: string;
  revision: number;
  type: string;
  data: unknown;
  metadata: RecordedEvent['metadata'];
  actor: RecordedEvent['metadata']['actor'];
  channel: RecordedEvent['metadata']['channel'];
  correlationId: string;
  causationId: string | null;
}

export interface RowPage {
  rows: AuditIndexRow[];
  /** Position of the last index row examined: where the next page starts. */
  reached: number;
  /** Whether the index held more rows after `reached` when read. */
  more: boolean;
}

const SCAN = 1000;

/** Reads the audit index for positions and the event store for the events as stored. */
@Injectable()
export class AuditReader {
  constructor(@Inject(READ_STORE) private readonly reads: ReadStore, @Inject(EVENT_STORE) private readonly events: EventStore) {}

  /**
   * The rows after `after` that match and that the principal may reach, up to `limit`, reading
   * at most `budget` index rows (a page may come back short, with `more`, when few rows match).
   */
  async page(filter: AuditFilter, principal: Principal, after: number, limit: number, budget = Infinity, until = Infinity): Promise<RowPage> {
    const where: Record<string, Scalar> = {};
    for (const field of ['providerId', 'qaBodyId', 'credentialId', 'type'] as const) if (filter[field]) where[field] = filter[field]!;
    const rows: AuditIndexRow[] = [];
    let reached = after;
    let scanned = 0;
    for (;;) {
      const batch = await this.reads.find<AuditIndexRow>(AuditCollections.events, where, { limit: SCAN, ...(reached > 0 ? { afterId: rowId(reached) } : {}) });
      for (const row of batch) {
        if (row.position > until) return { rows, reached, more: false };
        reached = row.position;
        if (matchesRest(filter, row) && mayReachRow(principal, row)) rows.push(row);
        if (rows.length === limit) return { rows, reached, more: true };
      }
      scanned += batch.length;
      if (batch.length < SCAN) return { rows, reached, more: false };
      if (scanned >= budget) return { rows, reached, more: true };
    }
  }

  /** Index rows of these positions (absent while the index lags behind). */
  async rowsAt(positions: number[]): Promise<Map<number, AuditIndexRow>> {
    const rows = new Map<number, AuditIndexRow>();
    for (const p of positions) {
      const row = await this.reads.get<AuditIndexRow>(AuditCollections.events, rowId(p));
      if (row) rows.set(p, row);
    }
    return rows;
  }

  /** The events at these positions (ascending) exactly as stored: a range read where they are close together, else one read each. */
  async storedAt(positions: number[]): Promise<RecordedEvent[]> {
    if (positions.length === 0) return [];
    const first = positions[0];
    const last = positions[positions.length - 1];
    const wanted = new Set(positions);
    let found: RecordedEvent[];
    if (last - first + 1 <= positions.length * 4 + 64) {
      found = (await this.events.readAll({ after: first - 1, maxCount: last - first + 1, stored: true })).filter((e) => wanted.has(e.position));
    } else {
      found = [];
      for (const p of positions) found.push(...(await this.events.readAll({ after: p - 1, maxCount: 1, stored: true })).filter((e) => e.position === p));
    }
    if (found.length !== positions.length) throw new Error(`audit: ${positions.length - found.length} indexed events were not found in the event store`);
    return found;
  }

  async items(rows: AuditIndexRow[]): Promise<AuditItem[]> {
    const stored = await this.storedAt(rows.map((r) => r.position));
    return stored.map((e, i) => auditItem(e, rows[i].leafIndex));
  }
}

export function auditItem(e: RecordedEvent, leafIndex: number | null): AuditItem {
  return {
    position: e.position, leafIndex, streamId: e.streamId, revision: e.revision, type: e.type, data: e.data, metadata: e.metadata,
    actor: e.metadata.actor, channel: e.metadata.channel, correlationId: e.metadata.correlationId, causationId: e.metadata.causationId ?? null,
  };
}
