import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler, IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Principal } from '@app/auth';
import { anyJurisdictionCovers, DiscrepancyResolution, internalEventId, NotFoundError, RequestContext, Streams } from '@app/contracts';
import { decideOnStream, EVENT_STORE, EventStore, foldStream } from '@app/event-store';
import { READ_STORE, ReadStore, Scalar } from '@app/read-store';
import { visiblePage } from '../credentials/read-back/read-scope';
import { RecordsProjections } from '../credentials/records-projections.service';
import { DISCREPANCIES, DiscrepancyView } from './discrepancies.projection';
import { discrepancyDecider, evolveDiscrepancy } from './discrepancy.decider';

export interface DiscrepancyFilter {
  kind?: string;
  jurisdiction?: string;
  status?: 'open' | 'resolved';
  after?: string;
  limit: number;
}

/** An admin reaches every discrepancy; a regulator those in its jurisdictions. */
function mayReach(principal: Principal, jurisdiction: string): boolean {
  if (principal.role === 'admin') return true;
  return principal.role === 'regulator' && anyJurisdictionCovers(principal.scope.jurisdictions ?? [], jurisdiction);
}

export class ListDiscrepanciesQuery extends Query<{ items: DiscrepancyView[]; next?: string; ledgerPosition: number }> {
  constructor(readonly filter: DiscrepancyFilter, readonly principal: Principal) {
    super();
  }
}

export class ResolveDiscrepancyCommand extends Command<{ discrepancyId: string; resolution: DiscrepancyResolution; position?: number }> {
  constructor(readonly discrepancyId: string, readonly request: { resolution: DiscrepancyResolution; reason: string }, readonly principal: Principal, readonly ctx: RequestContext) {
    super();
  }
}

@QueryHandler(ListDiscrepanciesQuery)
export class ListDiscrepanciesHandler implements IQueryHandler<ListDiscrepanciesQuery> {
  constructor(@Inject(READ_STORE) private readonly reads: ReadStore, private readonly projections: RecordsProjections) {}

  async execute({ filter, principal }: ListDiscrepanciesQuery) {
    const ledgerPosition = this.projections.runner.caughtUpTo;
    const where: Record<string, Scalar> = {
      ...(filter.kind ? { kind: filter.kind } : {}), ...(filter.jurisdiction ? { jurisdiction: filter.jurisdiction } : {}), ...(filter.status ? { status: filter.status } : {}),
    };
    const page = await visiblePage<DiscrepancyView>(this.reads, DISCREPANCIES, where, (d) => d.discrepancyId, (d) => mayReach(principal, d.jurisdiction), filter.after, filter.limit);
    return { ...page, ledgerPosition };
  }
}

@CommandHandler(ResolveDiscrepancyCommand)
export class ResolveDiscrepancyHandler implements ICommandHandler<ResolveDiscrepancyCommand> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ discrepancyId, request, principal, ctx }: ResolveDiscrepancyCommand) {
    const stream = Streams.discrepancy(discrepancyId);
    // Out of scope answers exactly as absent, before any domain answer (409) could reveal it exists.
    const current = await foldStream(this.events, stream, evolveDiscrepancy, discrepancyDecider.initial);
    if (!current.state.raised || !mayReach(principal, current.state.raised.jurisdiction)) throw new NotFoundError('discrepancy');
    const decided = await decideOnStream(this.events, stream, discrepancyDecider, { type: 'ResolveDiscrepancy', discrepancyId, ...request }, ctx, {
      eventId: internalEventId('discrepancy-resolved', discrepancyId), jurisdiction: current.state.raised.jurisdiction,
    });
    return { discrepancyId, resolution: request.resolution, position: decided.position };
  }
}

export const DISCREPANCY_HANDLERS = [ListDiscrepanciesHandler, ResolveDiscrepancyHandler];
