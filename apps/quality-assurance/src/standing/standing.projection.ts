import { EventTypes, RecordedEvent } from '@app/contracts';
import { applyThroughCache, Projection, ReadTx } from '@app/read-store';
import { intervalsOf } from '../accreditation/accreditation.timeline';
import { AccreditationView, QaBodyView, QaCollections, QaProviderView } from './standing.view';

/**
 * Accreditations with their full interval history (not just the current state), plus the
 * providers' jurisdictions and the QA bodies' names that standing answers need.
 */
export class StandingProjection implements Projection {
  readonly name = 'quality-assurance.standing';
  readonly collections = Object.values(QaCollections);

  async apply(tx: ReadTx, event: RecordedEvent): Promise<void> {
    switch (event.type) {
      case EventTypes.ProviderRegistered: {
        const p = event.data;
        return tx.put<QaProviderView>(QaCollections.providers, p.providerId, { providerId: p.providerId, jurisdiction: p.jurisdiction });
      }
      case EventTypes.QualityAssuranceBodyRegistered: {
        const b = event.data;
        return tx.put<QaBodyView>(QaCollections.bodies, b.qaBodyId, { qaBodyId: b.qaBodyId, name: b.name, jurisdictions: b.jurisdictions });
      }
      case EventTypes.ProviderAccredited: {
        const a = event.data;
        return tx.put<AccreditationView>(QaCollections.accreditations, a.accreditationId, {
          ...a,
          decision: {
            eventId: event.metadata.eventId, position: event.position, recordedAt: event.metadata.recordedAt,
            actor: { role: event.metadata.actor.role, ...(event.metadata.actor.role === 'qa-body' ? { qaBodyId: a.qaBodyId } : {}) },
          },
          changes: [],
          intervals: intervalsOf(a, []),
        });
      }
      case EventTypes.AccreditationSuspended:
      case EventTypes.AccreditationReinstated:
      case EventTypes.AccreditationWithdrawn: {
        const c = event.data;
        const view = await tx.get<AccreditationView>(QaCollections.accreditations, c.accreditationId);
        if (!view) return;
        view.changes.push({
          type: event.type, effectiveFrom: c.effectiveFrom, ...(c.reason ? { reason: c.reason } : {}),
          eventId: event.metadata.eventId, position: event.position, recordedAt: event.metadata.recordedAt,
        });
        view.intervals = intervalsOf(view, view.changes);
        return tx.put(QaCollections.accreditations, c.accreditationId, view);
      }
    }
  }

  /** A batch through one write-back cache: an accreditation changed several times in one batch is read, parsed and written once. */
  applyBatch(tx: ReadTx, events: RecordedEvent[]): Promise<void> {
    return applyThroughCache(tx, events, (t, e) => this.apply(t, e));
  }
}
