import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { Principal, Roles } from '@app/auth';
import { IsCalendarDateOrInstant, ISCED_F_PATTERN, NotFoundError, PROVIDER_ID_PATTERN, RequestContext } from '@app/contracts';
import { Ctx, RequestValidationError } from '@app/platform';
import { READ_STORE, ReadStore } from '@app/read-store';
import { reaches } from '../shared/qa-scope';
import { levelErrors, throwIfAny } from '../shared/reference-validation';
import { QaProjections } from './qa-projections.service';
import { standingOf } from './standing';
import { AccreditationView, QaBodyView, QaCollections, QaProviderView } from './standing.view';
// The answers and refusals each route documents in OpenAPI.
import { ApiOkResponse } from '@nestjs/swagger';
import { StandingResponse } from '@app/contracts';
import { ApiKeyAuth, ApiProblems } from '@app/platform';

export class StandingQuery {
  @ApiPropertyOptional({ example: '2026-04-15', description: 'a date (midnight UTC) or an ISO 8601 instant; defaults to now' })
  @IsOptional() @IsCalendarDateOrInstant() date?: string;
  @ApiPropertyOptional({ example: 'NZQCF' }) @IsOptional() @IsString() @MaxLength(32) framework?: string;
  @ApiPropertyOptional({ example: 6 }) @IsOptional() @Type(() => Number) @IsInt({ message: 'level must be an integer' }) level?: number;
  @ApiPropertyOptional({ example: '0613', description: 'ISCED-F 2013 field code' })
  @IsOptional() @Matches(ISCED_F_PATTERN, { message: 'field must be an ISCED-F 2013 code of 2 to 4 digits' }) field?: string;
}

@ApiTags('quality assurance')
@ApiKeyAuth()
@Controller('v1/providers/:providerId/standing')
export class StandingController {
  constructor(
    @Inject(READ_STORE) private readonly reads: ReadStore,
    private readonly projections: QaProjections,
  ) {}

  @ApiOkResponse({ type: StandingResponse })
  @ApiProblems(400, 404)
  @Get()
  @Roles('admin', 'regulator', 'qa-body', 'provider')
  @ApiOperation({ summary: 'Was the provider accredited for this level (and field) on this date, by whom, under which decision?' })
  async standing(@Param('providerId') providerId: string, @Query() query: StandingQuery, @Ctx() ctx: RequestContext & { principal: Principal }) {
    if (!PROVIDER_ID_PATTERN.test(providerId)) throw new RequestValidationError([{ field: 'providerId', message: 'providerId must be a lower-case slug' }]);
    if (query.level !== undefined && query.framework === undefined) throw new RequestValidationError([{ field: 'framework', message: 'a level needs its framework' }]);
    throwIfAny(levelErrors(query.framework, [{ field: 'level', value: query.level }], 'framework'));
    const date = query.date === undefined ? ctx.now : query.date.length === 10 ? `${query.date}T00:00:00Z` : query.date;
    if (Number.isNaN(Date.parse(date))) throw new RequestValidationError([{ field: 'date', message: 'date is not a real calendar date' }]);

    const provider = await this.reads.get<QaProviderView>(QaCollections.providers, providerId);
    // A provider outside the caller's scope is answered exactly as an unknown one.
    if (!(await this.mayAsk(ctx.principal, providerId, provider))) throw new NotFoundError('provider');
    const views = await this.reads.find<AccreditationView>(QaCollections.accreditations, { providerId });
    if (!provider && views.length === 0) throw new NotFoundError('provider');

    const question = { date, framework: query.framework, level: query.level, field: query.field };
    const judged = views.map((view) => ({ view, standing: standingOf(view, question) }));
    const granting = judged.filter(({ standing }) => standing.status === 'active' && standing.inScope);
    const bodies = await Promise.all(granting.map(({ view }) => this.reads.get<QaBodyView>(QaCollections.bodies, view.qaBodyId)));
    return {
      providerId,
      date,
      ...(query.framework ? { framework: query.framework } : {}),
      ...(query.level !== undefined ? { level: query.level } : {}),
      ...(query.field ? { field: query.field } : {}),
      accredited: granting.length > 0,
      accreditedBy: granting.map(({ view }, i) => ({
        accreditationId: view.accreditationId, qaBodyId: view.qaBodyId, qaBodyName: bodies[i]?.name, scope: view.scope,
        validFrom: view.validFrom, validUntil: view.validUntil, ...(view.decisionRef ? { decisionRef: view.decisionRef } : {}), decision: publicDecision(view),
      })),
      accreditations: judged.map(({ view, standing }) => ({ ...standing, validFrom: view.validFrom, validUntil: view.validUntil, scope: view.scope, changes: view.changes })),
      ledgerPosition: this.projections.runner.caughtUpTo,
    };
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
