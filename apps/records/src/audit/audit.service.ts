import { Inject, Injectable } from '@nestjs/common';
import { Principal } from '@app/auth';
import { NotFoundError, RecordedEvent, streamCategory } from '@app/contracts';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { leafInput } from '@app/ledger-crypto';
import { encodeCursor } from './audit-cursor';
import { AuditProjections } from './audit-projections.service';
import { AuditItem, auditItem, AuditReader } from './audit-reader';
import { AuditFilter, mayReachRow } from './audit-scope';
import { foldAsOf } from './audit-state';
import { NdjsonWriter } from './ndjson-writer';

const PAGE = 500;
const EXPORT_BATCH = 1000;
/** Index rows one JSON page may read before it answers short with `more` (a rare filter must not hold a request for long). */
const SCAN_BUDGET = 50_000;

/** The audit trail for regulators and admins (issue 12 item 1): pages, streams, state as of an instant, export. */
@Injectable()
export class AuditService {
  constructor(private readonly reader: AuditReader, private readonly projections: AuditProjections, @Inject(EVENT_STORE) private readonly events: EventStore) {}

  async page(filter: AuditFilter, principal: Principal, after: number, limit: number) {
    const page = await this.reader.page(filter, principal, after, limit, SCAN_BUDGET);
    return { items: await this.reader.items(page.rows), next: encodeCursor(page.reached), more: page.more, indexedTo: this.projections.runner.caughtUpTo };
  }

  /** Every matching event after `after` as NDJSON, a page at a time. */
  async streamPages(filter: AuditFilter, principal: Principal, after: number, out: NdjsonWriter): Promise<void> {
    let reached = after;
    for (;;) {
      const page = await this.reader.page(filter, principal, reached, PAGE);
      if (!(await out.writeValues(await this.reader.items(page.rows)))) return;
      reached = page.reached;
      if (!page.more) return;
    }
  }

  /**
   * The stream's events the principal may see, from `fromRevision`, a batch at a time, as stored;
   * a regulator sees only the events that touch its jurisdictions. NotFound when it sees none.
   */
  async *streamItems(streamId: string, principal: Principal, fromRevision = 0): AsyncGenerator<AuditItem[]> {
    let revision = fromRevision;
    let seen = false;
    for (;;) {
      const batch = await this.events.readStream(streamId, { fromRevision: revision, maxCount: PAGE });
      const visible = await this.visible(batch, principal);
      if (visible.length > 0) {
        seen = true;
        const stored = await this.reader.storedAt(visible.map((v) => v.event.position));
        yield stored.map((e, i) => auditItem(e, visible[i].leafIndex));
      }
      if (batch.length < PAGE) break;
      revision = batch[batch.length - 1].revision + 1;
    }
    if (!seen && fromRevision === 0) throw new NotFoundError('stream');
  }

  /** The stream as the ledger knew it at `asOf` (events recorded at or before it), folded where records has an evolve for it. */
  async stateAsOf(streamId: string, principal: Principal, asOf: string) {
    const all = await this.events.readStream(streamId);
    const visible = await this.visible(all, principal);
    if (visible.length === 0) throw new NotFoundError('stream');
    const until = Date.parse(asOf);
    const known = visible.filter((v) => Date.parse(v.event.metadata.recordedAt) <= until);
    const stored = await this.reader.storedAt(known.map((v) => v.event.position));
    const folded = known.length > 0 ? await foldAsOf(streamCategory(streamId), known.map((v) => v.event)) : undefined;
    return {
      streamId, asOf, revision: known.length > 0 ? known[known.length - 1].event.revision : null,
      events: stored.map((e, i) => auditItem(e, known[i].leafIndex)),
      state: folded?.state ?? null,
      foldedWith: folded?.foldedWith ?? null,
    };
  }

  /**
   * The export, up to the head of the log when it starts. An admin's is the whole log: line k is
   * leaf k's input exactly (read straight from the event store, stored form). A regulator's holds
   * only the events in its jurisdictions, so its lines are not the log's leaves by number.
   */
  async export(principal: Principal, out: NdjsonWriter): Promise<void> {
    const head = await this.events.headPosition();
    let after = 0;
    if (principal.role === 'admin') {
      while (after < head) {
        const batch = (await this.events.readAll({ after, maxCount: EXPORT_BATCH, stored: true })).filter((e) => e.position <= head);
        if (batch.length === 0) return;
        if (!(await out.write(leafLines(batch)))) return;
        after = batch[batch.length - 1].position;
      }
      return;
    }
    for (;;) {
      const page = await this.reader.page({}, principal, after, EXPORT_BATCH, Infinity, head);
      if (!(await out.write(leafLines(await this.reader.storedAt(page.rows.map((r) => r.position)))))) return;
      after = page.reached;
      if (!page.more) return;
    }
  }

  private async visible(batch: RecordedEvent[], principal: Principal): Promise<{ event: RecordedEvent; leafIndex: number | null }[]> {
    const rows = await this.reader.rowsAt(batch.map((e) => e.position));
    return batch
      .map((event) => ({ event, row: rows.get(event.position) }))
      // An event the index has not reached yet: the admin sees it (leaf index unknown), a regulator not until its jurisdictions are known.
      .filter(({ row }) => (row ? mayReachRow(principal, row) : principal.role === 'admin'))
      .map(({ event, row }) => ({ event, leafIndex: row?.leafIndex ?? null }));
  }
}

function leafLines(events: RecordedEvent[]): Buffer {
  const parts: Buffer[] = [];
  const newline = Buffer.from('\n');
  for (const e of events) parts.push(leafInput(e), newline);
  return Buffer.concat(parts);
}
