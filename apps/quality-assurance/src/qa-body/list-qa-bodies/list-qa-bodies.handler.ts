import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Principal } from '@app/auth';
import { READ_STORE, ReadStore } from '@app/read-store';
import { jurisdictionsMeet } from '../../shared/qa-scope';
import { readAll } from '../../shared/read-all';
import { QaProjections } from '../../standing/qa-projections.service';
import { QaBodyView, QaCollections } from '../../standing/standing.view';
import { ListQaBodiesQuery } from './list-qa-bodies.query';

/** The QA bodies the caller may see, by the rule GET /v1/qa-bodies/{id} applies to one: others are left out as if absent. */
@QueryHandler(ListQaBodiesQuery)
export class ListQaBodiesHandler implements IQueryHandler<ListQaBodiesQuery> {
  constructor(@Inject(READ_STORE) private readonly reads: ReadStore, private readonly projections: QaProjections) {}

  async execute({ principal }: ListQaBodiesQuery) {
    const ledgerPosition = this.projections.runner.caughtUpTo;
    const bodies = await readAll<QaBodyView>(this.reads, QaCollections.bodies, {}, (b) => b.qaBodyId);
    return { items: bodies.filter((b) => visible(principal, b)).map(({ qaBodyId, name, jurisdictions }) => ({ qaBodyId, name, jurisdictions })), ledgerPosition };
  }
}

function visible(principal: Principal, body: QaBodyView): boolean {
  if (principal.role === 'admin') return true;
  if (principal.role === 'qa-body') return principal.scope.qaBodyId === body.qaBodyId;
  if (principal.role === 'regulator') return jurisdictionsMeet(principal.scope.jurisdictions ?? [], body.jurisdictions);
  return false;
}
