import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Principal, Roles } from '@app/auth';
import { RequestContext } from '@app/contracts';
import { Ctx, RequestValidationError } from '@app/platform';
import { levelErrors, throwIfAny, windowErrors } from '../shared/reference-validation';
import { AccreditProviderCommand } from './accredit-provider/accredit-provider.command';
import { AccreditationChange, ChangeAccreditationCommand } from './change-accreditation/change-accreditation.command';
import { GetAccreditationQuery } from './get-accreditation/get-accreditation.query';
import { ListAccreditationsQuery } from './list-accreditations/list-accreditations.query';
import { AccreditationChangeRequest, AccreditProviderRequest, ReinstateAccreditationRequest } from './accreditation.requests';
import { AccreditationListRequest } from './list-accreditations/list-accreditations.request';
// The answers and refusals each route documents in OpenAPI.
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { AccreditationChangedResponse, AccreditationListResponse, AccreditationStateResponse, AccreditationWrittenResponse } from '@app/contracts';
import { ApiKeyAuth, ApiProblems, BODY_PROBLEMS } from '@app/platform';

type QaCtx = RequestContext & { principal: Principal };
const accreditationIdPipe = new ParseUUIDPipe({
  exceptionFactory: () => new RequestValidationError([{ field: 'accreditationId', message: 'accreditationId must be a UUID' }]),
});

@ApiTags('quality assurance')
@ApiKeyAuth()
@Controller('v1/accreditations')
export class AccreditationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

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
    const { accreditation, created, position } = await this.commands.execute(new AccreditProviderCommand(body, ctx.principal, ctx));
    res.status(created ? 201 : 200);
    return { ...accreditation, ...(position !== undefined ? { position } : {}) };
  }

  @ApiOkResponse({ type: AccreditationChangedResponse })
  @ApiProblems(...BODY_PROBLEMS, 404, 409, 422)
  @Post(':accreditationId/suspension')
  @HttpCode(200)
  @Roles('qa-body', 'admin')
  @ApiOperation({ summary: 'Suspend an accreditation from an effective date' })
  suspend(@Param('accreditationId', accreditationIdPipe) accreditationId: string, @Body() body: AccreditationChangeRequest, @Ctx() ctx: QaCtx) {
    return this.change({ type: 'SuspendAccreditation', accreditationId, ...body }, ctx);
  }

  @ApiOkResponse({ type: AccreditationChangedResponse })
  @ApiProblems(...BODY_PROBLEMS, 404, 409, 422)
  @Post(':accreditationId/reinstatement')
  @HttpCode(200)
  @Roles('qa-body', 'admin')
  @ApiOperation({ summary: 'Reinstate a suspended accreditation from an effective date' })
  reinstate(@Param('accreditationId', accreditationIdPipe) accreditationId: string, @Body() body: ReinstateAccreditationRequest, @Ctx() ctx: QaCtx) {
    return this.change({ type: 'ReinstateAccreditation', accreditationId, ...body }, ctx);
  }

  @ApiOkResponse({ type: AccreditationChangedResponse })
  @ApiProblems(...BODY_PROBLEMS, 404, 409, 422)
  @Post(':accreditationId/withdrawal')
  @HttpCode(200)
  @Roles('qa-body', 'admin')
  @ApiOperation({ summary: 'Withdraw an accreditation from an effective date; it can no longer change' })
  withdraw(@Param('accreditationId', accreditationIdPipe) accreditationId: string, @Body() body: AccreditationChangeRequest, @Ctx() ctx: QaCtx) {
    return this.change({ type: 'WithdrawAccreditation', accreditationId, ...body }, ctx);
  }

  @ApiOkResponse({ type: AccreditationListResponse })
  @ApiProblems(400)
  @Get()
  @Roles('admin', 'regulator', 'qa-body')
  @ApiOperation({ summary: 'Accreditations of a provider and/or by a QA body, with decision and changes (only those the caller may see)' })
  list(@Query() query: AccreditationListRequest, @Ctx() ctx: QaCtx) {
    return this.queries.execute(new ListAccreditationsQuery({ providerId: query.providerId, qaBodyId: query.qaBodyId }, ctx.principal));
  }

  @ApiOkResponse({ type: AccreditationStateResponse })
  @ApiProblems(400, 404)
  @Get(':accreditationId')
  @Roles('admin', 'regulator', 'qa-body')
  @ApiOperation({ summary: 'An accreditation as it stands (a qa-body key sees only its own, a regulator those of providers in its jurisdictions)' })
  get(@Param('accreditationId', accreditationIdPipe) accreditationId: string, @Ctx() ctx: QaCtx) {
    return this.queries.execute(new GetAccreditationQuery(accreditationId, ctx.principal));
  }

  private change(change: AccreditationChange, ctx: QaCtx) {
    return this.commands.execute(new ChangeAccreditationCommand(change, ctx.principal, ctx));
  }
}
