import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Principal } from '@app/auth';
import { NotFoundError, Streams } from '@app/contracts';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { READ_STORE, ReadStore } from '@app/read-store';
import { reaches } from '../../shared/qa-scope';
import { QaProjections } from '../qa-projections.service';
import { standingOf } from '../standing';
import { approvalStandingAt } from '../approval-standing';
import { AccreditationView, QaBodyView, QaCollections, QaProviderView } from '../standing.view';
import { GetStandingQuery } from './get-standing.query';

/** Was the provider accredited for this level (and field) on this date, by whom, under which decision? From the QA read model. */
@QueryHandler(GetStandingQuery)
export class GetStandingHandler implements IQueryHandler<GetStandingQuery> {
  constructor(
    @Inject(READ_STORE) private readonly reads: ReadStore,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly projections: QaProjections,
  ) {}

  async execute({ providerId, question, principal, achievementId }: GetStandingQuery) {
    const provider = await this.reads.get<QaProviderView>(QaCollections.providers, providerId);
    // A provider outside the caller's scope is answered exactly as an unknown one.
    if (!(await this.mayAsk(principal, providerId, provider))) throw new NotFoundError('provider');
    const views = await this.reads.find<AccreditationView>(QaCollections.accreditations, { providerId });
    if (!provider && views.length === 0) throw new NotFoundError('provider');

    const judged = views.map((view) => ({ view, standing: standingOf(view, question) }));
    const granting = judged.filter(({ standing }) => standing.status === 'active' && standing.inScope);
    const [bodies, approval] = await Promise.all([
      Promise.all(granting.map(({ view }) => this.reads.get<QaBodyView>(QaCollections.bodies, view.qaBodyId))),
      achievementId ? this.approvalOn(achievementId, providerId, provider?.jurisdiction, question.date) : undefined,
    ]);
    return {
      providerId,
      date: question.date,
      ...(question.framework ? { framework: question.framework } : {}),
      ...(question.level !== undefined ? { level: question.level } : {}),
      ...(question.field ? { field: question.field } : {}),
      accredited: granting.length > 0,
      accreditedBy: granting.map(({ view }, i) => ({
        accreditationId: view.accreditationId, qaBodyId: view.qaBodyId, qaBodyName: bodies[i]?.name, scope: view.scope,
        validFrom: view.validFrom, validUntil: view.validUntil, ...(view.decisionRef ? { decisionRef: view.decisionRef } : {}), decision: publicDecision(view),
      })),
      accreditations: judged.map(({ view, standing }) => ({ ...standing, validFrom: view.validFrom, validUntil: view.validUntil, scope: view.scope, changes: view.changes })),
      ...(approval ? { approval } : {}),
      ledgerPosition: this.projections.runner.caughtUpTo,
    };
  }

  /** Folded from the short achievement and approval streams; an achievement of another provider answers like an absent one. */
  private async approvalOn(achievementId: string, providerId: string, jurisdiction: string | undefined, date: string) {
    // Approval is judged in the provider's jurisdiction: without its registration there is nothing to judge it in.
    if (jurisdiction === undefined) throw new NotFoundError('provider');
    const [achievement, approvals] = await Promise.all([
      this.events.readStream(Streams.achievement(achievementId)),
      this.events.readStream(Streams.approval(achievementId)),
    ]);
    const first = achievement[0];
    if (first?.type !== 'AchievementDefined' || first.data.providerId !== providerId) throw new NotFoundError('achievement');
    return approvalStandingAt(achievementId, achievement, approvals, jurisdiction, date);
  }

  /** A provider asks about itself; QA bodies and regulators about providers in their jurisdictions; admins about any. */
  private async mayAsk(principal: Principal, providerId: string, provider: QaProviderView | undefined): Promise<boolean> {
    if (principal.role === 'admin') return true;
    if (principal.role === 'provider') return principal.scope.providerId === providerId;
    const body = principal.role === 'qa-body' && principal.scope.qaBodyId ? await this.reads.get<QaBodyView>(QaCollections.bodies, principal.scope.qaBodyId) : undefined;
    return provider !== undefined && reaches(principal, provider.jurisdiction, body?.jurisdictions);
  }
}

/**
 * The decision as answers show it: who decided by role and body, never the API key that
 * made the request (the event log keeps the full actor for audits).
 */
function publicDecision(view: AccreditationView): AccreditationView['decision'] {
  const { eventId, position, recordedAt, actor } = view.decision;
  return { eventId, position, recordedAt, actor: { role: actor.role, ...(actor.role === 'qa-body' ? { qaBodyId: view.qaBodyId } : {}) } };
}
