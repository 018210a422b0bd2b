import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Principal } from '@app/auth';
import { READ_STORE, ReadStore, Scalar } from '@app/read-store';
import { reaches } from '../../shared/qa-scope';
import { readAll } from '../../shared/read-all';
import { QaProjections } from '../../standing/qa-projections.service';
import { AccreditationView, QaBodyView, QaCollections, QaProviderView } from '../../standing/standing.view';
import { ListAccreditationsQuery } from './list-accreditations.query';

/**
 * Accreditations by provider and/or QA body, from the QA read model, with their decision and
 * every change. The scope rule of GET /v1/accreditations/{id} filters them: a qa-body key sees
 * its own body's accreditations of providers it reaches, a regulator those of providers in
 * its jurisdictions; the rest are left out exactly as if they did not exist.
 */
@QueryHandler(ListAccreditationsQuery)
export class ListAccreditationsHandler implements IQueryHandler<ListAccreditationsQuery> {
  constructor(@Inject(READ_STORE) private readonly reads: ReadStore, private readonly projections: QaProjections) {}

  async execute({ filter, principal }: ListAccreditationsQuery) {
    const ledgerPosition = this.projections.runner.caughtUpTo;
    const where: Record<string, Scalar> = { ...(filter.providerId ? { providerId: filter.providerId } : {}), ...(filter.qaBodyId ? { qaBodyId: filter.qaBodyId } : {}) };
    const views = await readAll<AccreditationView>(this.reads, QaCollections.accreditations, where, (a) => a.accreditationId);
    const visible = await this.inScope(principal, views);
    return { items: visible.map(publicView), ledgerPosition };
  }

  private async inScope(principal: Principal, views: AccreditationView[]): Promise<AccreditationView[]> {
    if (principal.role === 'admin') return views;
    const own = principal.role === 'qa-body' ? views.filter((v) => v.qaBodyId === principal.scope.qaBodyId) : views;
    const body = principal.role === 'qa-body' && principal.scope.qaBodyId ? await this.reads.get<QaBodyView>(QaCollections.bodies, principal.scope.qaBodyId) : undefined;
    const jurisdictions = new Map<string, string | undefined>();
    for (const providerId of new Set(own.map((v) => v.providerId))) {
      jurisdictions.set(providerId, (await this.reads.get<QaProviderView>(QaCollections.providers, providerId))?.jurisdiction);
    }
    return own.filter((v) => reaches(principal, jurisdictions.get(v.providerId), body?.jurisdictions));
  }
}

/** What answers show: the decision by role and body, never the acting API key (the log keeps it for audits). */
function publicView(view: AccreditationView) {
  const { accreditationId, providerId, qaBodyId, scope, validFrom, validUntil, decisionRef, decision, changes } = view;
  return {
    accreditationId, providerId, qaBodyId, scope, validFrom, validUntil, ...(decisionRef ? { decisionRef } : {}),
    decision: { eventId: decision.eventId, position: decision.position, recordedAt: decision.recordedAt, actor: decision.actor },
    changes,
  };
}
