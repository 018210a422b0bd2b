import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ForbiddenError, Principal, Roles } from '@app/auth';
import { anyJurisdictionCovers, ISCED_F_PATTERN, NotFoundError, PROVIDER_ID_PATTERN, RequestContext } from '@app/contracts';
import { Ctx, RequestValidationError } from '@app/platform';
import { READ_STORE, ReadStore } from '@app/read-store';
import { keyCovers } from '../shared/qa-scope';
import { levelErrors, throwIfAny } from '../shared/reference-validation';
import { QaProjections } from './qa-projections.service';
import { standingOf } from './standing';
import { AccreditationView, QaBodyView, QaCollections, QaProviderView } from './standing.view';
// The answers and refusals each route documents in OpenAPI.
import { ApiOkResponse } from '@nestjs/swagger';
import { StandingResponse } from '@app/contracts';
import { ApiKeyAuth, ApiProblems } from '@app/platform';

const DATE_OR_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2}))?$/;

export class StandingQuery {
  @ApiPropertyOptional({ example: '2026-04-15', description: 'a date (midnight UTC) or an ISO 8601 instant; defaults to now' })
  @IsOptional() @Matches(DATE_OR_INSTANT, { message: 'date must be YYYY-MM-DD or an ISO 8601 instant' }) date?: string;
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
    await this.assertMayAsk(ctx.principal, providerId, provider);
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
        validFrom: view.validFrom, validUntil: view.validUntil, ...(view.decisionRef ? { decisionRef: view.decisionRef } : {}), decision: view.decision,
      })),
      accreditations: judged.map(({ view, standing }) => ({ ...standing, validFrom: view.validFrom, validUntil: view.validUntil, scope: view.scope, changes: view.changes })),
      ledgerPosition: this.projections.runner.caughtUpTo,
    };
  }

  /** A provider asks about itself; a QA body about providers in its jurisdictions; unknown providers look the same as foreign ones. */
  private async assertMayAsk(principal: Principal, providerId: string, provider: QaProviderView | undefined): Promise<void> {
    if (principal.role === 'provider' && principal.scope.providerId !== providerId) throw new ForbiddenError();
    if (principal.role !== 'qa-body') return;
    const body = principal.scope.qaBodyId ? await this.reads.get<QaBodyView>(QaCollections.bodies, principal.scope.qaBodyId) : undefined;
    if (!provider || !body || !keyCovers(principal, provider.jurisdiction) || !anyJurisdictionCovers(body.jurisdictions, provider.jurisdiction)) throw new ForbiddenError();
  }
}
