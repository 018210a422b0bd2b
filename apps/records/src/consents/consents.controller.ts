import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Principal, Roles } from '@app/auth';
import { CONSENT_PURPOSES, ConsentListResponse, ConsentRequest, ConsentResponse, idProblem, RequestContext } from '@app/contracts';
import { ApiKeyAuth, ApiProblems, Ctx, RequestValidationError } from '@app/platform';
import { AuditedRead } from '../access-audit/audited-read';
import { GrantConsentCommand, ListConsentsQuery, WithdrawConsentCommand } from './consents.messages';

type Caller = RequestContext & { principal: Principal };
export const learnerIdPipe = new ParseUUIDPipe({ exceptionFactory: () => new RequestValidationError([{ field: 'learnerId', message: 'learnerId must be a UUID' }]) });

/** A partner id as partners will be registered with (step 10): checked for shape here; its existence once partners exist. */
function partnerIdParam(partnerId: string): string {
  const problem = idProblem(partnerId, 63);
  if (problem) throw new RequestValidationError([{ field: 'partnerId', message: `partnerId is not a ledger id: ${problem}` }]);
  return partnerId;
}

/** A learner's consents to partners: managed by the learner's own key or an admin, read by the partner feeds. */
@ApiTags('records')
@ApiKeyAuth()
@Controller('v1/learners')
export class ConsentsController {
  constructor(private readonly queries: QueryBus, private readonly commands: CommandBus) {}

  @ApiOkResponse({ type: ConsentResponse })
  @ApiProblems(400, 404, 422)
  @Put(':learnerId/consents/:partnerId')
  @HttpCode(200)
  @Roles('admin', 'learner')
  @ApiOperation({
    summary: `Consent to a partner receiving the learner's record, for purposes among ${CONSENT_PURPOSES.join(', ')} (all when omitted), until expiresAt. ` +
      'The same consent again changes nothing; other terms replace it (ConsentGranted).',
  })
  grant(@Param('learnerId', learnerIdPipe) learnerId: string, @Param('partnerId') partnerId: string, @Body() body: ConsentRequest, @Ctx() ctx: Caller) {
    return this.commands.execute(new GrantConsentCommand(learnerId, partnerIdParam(partnerId), { purposes: body.purposes, expiresAt: body.expiresAt }, ctx.principal, ctx));
  }

  @ApiOkResponse({ type: ConsentResponse })
  @ApiProblems(400, 404)
  @Delete(':learnerId/consents/:partnerId')
  @HttpCode(200)
  @Roles('admin', 'learner')
  @ApiOperation({ summary: 'Withdraw the consent to a partner (ConsentWithdrawn); 404 when no consent to it is in force' })
  withdraw(@Param('learnerId', learnerIdPipe) learnerId: string, @Param('partnerId') partnerId: string, @Ctx() ctx: Caller) {
    return this.commands.execute(new WithdrawConsentCommand(learnerId, partnerIdParam(partnerId), ctx.principal, ctx));
  }

  @ApiOkResponse({ type: ConsentListResponse })
  @ApiProblems(400, 404)
  @Get(':learnerId/consents')
  @Roles('admin', 'learner')
  @AuditedRead('consents')
  @ApiOperation({ summary: "The learner's consents, granted or withdrawn, one per partner" })
  list(@Param('learnerId', learnerIdPipe) learnerId: string, @Ctx() ctx: Caller) {
    return this.queries.execute(new ListConsentsQuery(learnerId, ctx.principal));
  }
}
