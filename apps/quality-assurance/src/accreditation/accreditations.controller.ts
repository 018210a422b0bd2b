import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Principal, Roles } from '@app/auth';
import { internalEventId, RequestContext, Streams } from '@app/contracts';
import { decideOnStream, EVENT_STORE, EventStore, foldStream } from '@app/event-store';
import { Ctx, RequestValidationError } from '@app/platform';
import { evolveProvider, initialProviderState } from '../upstream/provider-view';
import { evolveQaBody, initialQaBodyState } from '../qa-body/qa-body.state';
import { actingQaBody, reaches } from '../shared/qa-scope';
import { levelErrors, throwIfAny, windowErrors } from '../shared/reference-validation';
import { AccreditationCommand, AccreditationErrors, accreditationDecider } from './accreditation.decider';
import { AccreditationState, evolveAccreditation, initialAccreditationState } from './accreditation.state';
import { AccreditationChangeRequest, AccreditProviderRequest, ReinstateAccreditationRequest } from './accreditation.requests';
// The answers and refusals each route documents in OpenAPI.
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { AccreditationChangedResponse, AccreditationStateResponse, AccreditationWrittenResponse } from '@app/contracts';
import { ApiKeyAuth, ApiProblems, BODY_PROBLEMS } from '@app/platform';

type QaCtx = RequestContext & { principal: Principal };
const accreditationIdPipe = new ParseUUIDPipe({
  exceptionFactory: () => new RequestValidationError([{ field: 'accreditationId', message: 'accreditationId must be a UUID' }]),
});

@ApiTags('quality assurance')
@ApiKeyAuth()
@Controller('v1/accreditations')
export class AccreditationsController {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  @ApiCreatedResponse({ type: AccreditationWrittenResponse, description: 'accredited' })
  @ApiOkResponse({ type: AccreditationWrittenResponse, description: 'already accredited with this accreditationId and the same content (a retry)' })
  @ApiProblems(...BODY_PROBLEMS, 404, 409, 422)
  @Post()
  @Roles('qa-body', 'admin')
  @ApiOperation({ summary: 'Accredit a provider for a level scope over a validity window [validFrom, validUntil)' })
  async accredit(@Body() body: AccreditProviderRequest, @Ctx() ctx: QaCtx, @Res({ passthrough: true }) res: Response) {
    const { scope } = body;
    throwIfAny([
      ...levelErrors(scope.framework, [{ field: 'scope.minLevel', value: scope.minLevel }, { field: 'scope.maxLevel', value: scope.maxLevel }], 'scope.framework'),
      ...(scope.minLevel > scope.maxLevel ? [{ field: 'scope.maxLevel', message: 'scope.maxLevel must not be below scope.minLevel' }] : []),
      ...windowErrors(body.validFrom, body.validUntil, 'validUntil'),
    ]);
    const qaBodyId = actingQaBody(ctx.principal, body.qaBodyId);
    const [qaBody, provider] = await Promise.all([
      foldStream(this.events, Streams.qaBody(qaBodyId), evolveQaBody, initialQaBodyState),
      foldStream(this.events, Streams.provider(body.providerId), evolveProvider, initialProviderState),
    ]);
    const providerJurisdiction = provider.state.registered?.jurisdiction;
    // A provider outside a qa-body key's reach is answered as one that is not registered.
    if (ctx.principal.role === 'qa-body' && !reaches(ctx.principal, providerJurisdiction, qaBody.state.registered?.jurisdictions)) throw AccreditationErrors.providerNotFound();
    const accreditationId = body.accreditationId ?? randomUUID();
    const accreditation = {
      accreditationId, qaBodyId, providerId: body.providerId,
      scope: { framework: scope.framework, minLevel: scope.minLevel, maxLevel: scope.maxLevel, ...(scope.fields ? { fields: scope.fields } : {}) },
      validFrom: body.validFrom, validUntil: body.validUntil, ...(body.decisionRef ? { decisionRef: body.decisionRef } : {}),
    };
    const decided = await decideOnStream(
      this.events, Streams.accreditation(accreditationId), accreditationDecider,
      { type: 'AccreditProvider', accreditation, qaBody: qaBody.state, providerJurisdiction },
      ctx, { eventId: internalEventId('accreditation', accreditationId), jurisdiction: providerJurisdiction },
    );
    res.status(decided.events.length ? 201 : 200);
    return { ...accreditation, ...(decided.position !== undefined ? { position: decided.position } : {}) };
  }

  @ApiOkResponse({ type: AccreditationChangedResponse })
  @ApiProblems(...BODY_PROBLEMS, 404, 409, 422)
  @Post(':accreditationId/suspension')
  @HttpCode(200)
  @Roles('qa-body', 'admin')
  @ApiOperation({ summary: 'Suspend an accreditation from an effective date' })
  suspend(@Param('accreditationId', accreditationIdPipe) accreditationId: string, @Body() body: AccreditationChangeRequest, @Ctx() ctx: QaCtx) {
    return this.change(accreditationId, { type: 'SuspendAccreditation', accreditationId, ...body }, ctx);
  }

  @ApiOkResponse({ type: AccreditationChangedResponse })
  @ApiProblems(...BODY_PROBLEMS, 404, 409, 422)
  @Post(':accreditationId/reinstatement')
  @HttpCode(200)
  @Roles('qa-body', 'admin')
  @ApiOperation({ summary: 'Reinstate a suspended accreditation from an effective date' })
  reinstate(@Param('accreditationId', accreditationIdPipe) accreditationId: string, @Body() body: ReinstateAccreditationRequest, @Ctx() ctx: QaCtx) {
    return this.change(accreditationId, { type: 'ReinstateAccreditation', accreditationId, ...body }, ctx);
  }

  @ApiOkResponse({ type: AccreditationChangedResponse })
  @ApiProblems(...BODY_PROBLEMS, 404, 409, 422)
  @Post(':accreditationId/withdrawal')
  @HttpCode(200)
  @Roles('qa-body', 'admin')
  @ApiOperation({ summary: 'Withdraw an accreditation from an effective date; it can no longer change' })
  withdraw(@Param('accreditationId', accreditationIdPipe) accreditationId: string, @Body() body: AccreditationChangeRequest, @Ctx() ctx: QaCtx) {
    return this.change(accreditationId, { type: 'WithdrawAccreditation', accreditationId, ...body }, ctx);
  }

  @ApiOkResponse({ type: AccreditationStateResponse })
  @ApiProblems(400, 404)
  @Get(':accreditationId')
  @Roles('admin', 'regulator', 'qa-body')
  @ApiOperation({ summary: 'An accreditation as it stands (a qa-body key sees only its own, a regulator those of providers in its jurisdictions)' })
  async get(@Param('accreditationId', accreditationIdPipe) accreditationId: string, @Ctx() ctx: QaCtx) {
    const { state } = await foldStream(this.events, Streams.accreditation(accreditationId), evolveAccreditation, initialAccreditationState);
    await this.assertInScope(ctx.principal, state);
    if (!state.accredited) throw AccreditationErrors.notFound();
    return { ...state.accredited, suspendedFrom: state.suspendedFrom ?? null, withdrawnFrom: state.withdrawnFrom ?? null };
  }

  private async change(accreditationId: string, command: AccreditationCommand, ctx: QaCtx) {
    // Who accredited whom never changes once granted, so the scope checked here still holds when the decision is taken.
    const { state } = await foldStream(this.events, Streams.accreditation(accreditationId), evolveAccreditation, initialAccreditationState);
    await this.assertInScope(ctx.principal, state);
    const decided = await decideOnStream(
      this.events, Streams.accreditation(accreditationId), accreditationDecider, command,
      ctx, async (current) => ({ eventId: randomUUID(), jurisdiction: current.accredited ? await this.jurisdictionOf(current.accredited.providerId) : undefined }),
    );
    return { accreditationId, change: decided.events[0]?.type, effectiveFrom: 'effectiveFrom' in command ? command.effectiveFrom : undefined, position: decided.position };
  }

  private async jurisdictionOf(providerId: string): Promise<string | undefined> {
    return (await foldStream(this.events, Streams.provider(providerId), evolveProvider, initialProviderState)).state.registered?.jurisdiction;
  }

  /**
   * A qa-body key reaches only its own body's accreditations of providers in its jurisdictions;
   * a regulator those of providers in its jurisdictions. Anything else answers as an unknown accreditation.
   */
  private async assertInScope(principal: Principal, state: AccreditationState): Promise<void> {
    if (principal.role === 'admin') return;
    const accredited = state.accredited;
    if (!accredited || (principal.role === 'qa-body' && accredited.qaBodyId !== principal.scope.qaBodyId)) throw AccreditationErrors.notFound();
    const [jurisdiction, body] = await Promise.all([
      this.jurisdictionOf(accredited.providerId),
      principal.role === 'qa-body' ? foldStream(this.events, Streams.qaBody(accredited.qaBodyId), evolveQaBody, initialQaBodyState) : undefined,
    ]);
    if (!reaches(principal, jurisdiction, body?.state.registered?.jurisdictions)) throw AccreditationErrors.notFound();
  }
}
