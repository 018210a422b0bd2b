import { DiscrepancySubject, EventTypes, RecordedEvent } from '@app/contracts';
import { applyThroughCache, Projection, ReadTx } from '@app/read-store';

export interface DiscrepancyView {
  discrepancyId: string;
  kind: string;
  jurisdiction: string;
  status: 'open' | 'resolved';
  subject: DiscrepancySubject;
  details: string[];
  raisedAt: string;
  resolution?: string;
  resolutionReason?: string;
  resolvedAt?: string;
}

export const DISCREPANCIES = 'records-discrepancies';

/** Discrepancies as regulators list them, with their resolution. */
export class DiscrepanciesProjection implements Projection {
  readonly name = 'records.discrepancies';
  readonly collections = [DISCREPANCIES];

  async apply(tx: ReadTx, event: RecordedEvent): Promise<void> {
    if (event.type === EventTypes.DiscrepancyRaised) {
      const d = event.data;
      return tx.put<DiscrepancyView>(DISCREPANCIES, d.discrepancyId, {
        discrepancyId: d.discrepancyId, kind: d.kind, jurisdiction: d.jurisdiction, status: 'open', subject: d.subject, details: d.details, raisedAt: event.metadata.recordedAt,
      });
    }
    if (event.type === EventTypes.DiscrepancyResolved) {
      const view = await tx.get<DiscrepancyView>(DISCREPANCIES, event.data.discrepancyId);
      if (!view) return;
      return tx.put<DiscrepancyView>(DISCREPANCIES, view.discrepancyId, {
        ...view, status: 'resolved', resolution: event.data.resolution, resolutionReason: event.data.reason, resolvedAt: event.metadata.recordedAt,
      });
    }
  }

  /** Through the batch cache, like the other records projections. */
  applyBatch(tx: ReadTx, events: RecordedEvent[]): Promise<void> {
    return applyThroughCache(tx, events, (t, e) => this.apply(t, e));
  }
}
