import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, Matches, ValidateNested } from 'class-validator';
import { Principal, Roles } from '@app/auth';
import { CreditsRef, INSTANT_RULE, IsCalendarInstant, IsText, JURISDICTION_PATTERN, LevelRef, QA_BODY_ID_PATTERN, RequestContext, Streams } from '@app/contracts';
import { decideOnStream, EVENT_STORE, EventStore, foldStream } from '@app/event-store';
import { Ctx, RequestValidationError } from '@app/platform';
import { evolveAchievement, initialAchievementState } from '../upstream/achievement-view';
import { evolvePolicy, initialPolicyState } from '../policy/policy.state';
import { evolveQaBody, initialQaBodyState } from '../qa-body/qa-body.state';
import { actingQaBody, assertActsIn, reaches } from '../shared/qa-scope';
import { creditErrors, levelErrors, throwIfAny } from '../shared/reference-validation';
import { approvalDecider } from './approval.decider';
import { evolveApproval, initialApprovalState } from './approval.state';
// The answers and refusals each route documents in OpenAPI.
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { ApprovalDecisionResponse, ApprovalsResponse, ApprovalWithdrawnResponse } from '@app/contracts';
import { ApiKeyAuth, ApiProblems, BODY_PROBLEMS } from '@app/platform';

const JURISDICTION = { message: 'jurisdiction must be an ISO 3166-1 alpha-2 or ISO 3166-2 code, or EU' };

export class ApproveAchievementRequest {
  @ApiProperty({ example: 'NZ' }) @Matches(JURISDICTION_PATTERN, JURISDICTION) jurisdiction!: string;
  @ApiPropertyOptional({ type: LevelRef, example: { framework: 'NZQCF', value: 5 }, description: "the level approved, in the jurisdiction's framework" })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => LevelRef) level?: LevelRef;
  @ApiPropertyOptional({ type: CreditsRef, example: { system: 'NZQCF-credit', value: 15 }, description: "the credits approved, in the jurisdiction's unit" })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => CreditsRef) credits?: CreditsRef;
  @ApiPropertyOptional({ description: 'only for admins acting on behalf of a QA body' })
  @IsOptional() @Matches(QA_BODY_ID_PATTERN, { message: 'qaBodyId must be a lower-case slug' }) qaBodyId?: string;
}

export class WithdrawApprovalRequest {
  @ApiProperty({ maxLength: 1000 }) @IsText({ min: 1, max: 1000, multiline: true }) reason!: string;
  @ApiPropertyOptional({ format: 'date-time', description: `from when; defaults to now; ${INSTANT_RULE}` }) @IsOptional() @IsCalendarInstant() effectiveFrom?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(QA_BODY_ID_PATTERN, { message: 'qaBodyId must be a lower-case slug' }) qaBodyId?: string;
}

type QaCtx = RequestContext & { principal: Principal };
const achievementIdPipe = new ParseUUIDPipe({ exceptionFactory: () => new RequestValidationError([{ field: 'achievementId', message: 'achievementId must be a UUID' }]) });

@ApiTags('quality assurance')
@ApiKeyAuth()
@Controller('v1/achievements/:achievementId/approvals')
export class ApprovalsController {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  /** A decline is a decision, not an error: both answer 201 with the decision. */
  @ApiCreatedResponse({ type: ApprovalDecisionResponse, description: 'the decision, approved or declined' })
  @ApiProblems(...BODY_PROBLEMS, 404, 409, 422)
  @Post()
  @HttpCode(201)
  @Roles('qa-body', 'admin')
  @ApiOperation({ summary: "Approve an achievement against the jurisdiction's current policy; a decline lists every failed rule" })
  async approve(@Param('achievementId', achievementIdPipe) achievementId: string, @Body() body: ApproveAchievementRequest, @Ctx() ctx: QaCtx) {
    throwIfAny([
      ...levelErrors(body.level?.framework, [{ field: 'level.value', value: body.level?.value }], 'level.framework'),
      ...creditErrors(body.credits?.system, 'credits.system'),
    ]);
    const qaBodyId = actingQaBody(ctx.principal, body.qaBodyId);
    // Scope first, from the key and its own body alone: nothing about the achievement is read for a caller outside it.
    const qaBody = await foldStream(this.events, Streams.qaBody(qaBodyId), evolveQaBody, initialQaBodyState);
    assertActsIn(ctx.principal, body.jurisdiction, qaBody.state.registered?.jurisdictions);
    if (!qaBody.state.registered) throw new RequestValidationError([{ field: 'qaBodyId', message: 'no QA body is registered with this id' }]);
    const [policy, achievement] = await Promise.all([
      foldStream(this.events, Streams.policy(body.jurisdiction), evolvePolicy, initialPolicyState),
      foldStream(this.events, Streams.achievement(achievementId), evolveAchievement, initialAchievementState),
    ]);
    const decided = await decideOnStream(
      this.events, Streams.approval(achievementId), approvalDecider,
      {
        type: 'DecideApproval', achievementId, qaBodyId, jurisdiction: body.jurisdiction, achievement: achievement.state,
        policy: policy.state.current, level: body.level, credits: body.credits,
      },
      ctx, { eventId: randomUUID(), jurisdiction: body.jurisdiction },
    );
    const [event] = decided.events;
    return { decision: event.type === 'AchievementApproved' ? 'approved' : 'declined', ...event.data, position: decided.position };
  }

  @ApiOkResponse({ type: ApprovalWithdrawnResponse })
  @ApiProblems(...BODY_PROBLEMS, 404, 409, 422)
  @Post(':jurisdiction/withdrawal')
  @HttpCode(200)
  @Roles('qa-body', 'admin')
  @ApiOperation({ summary: 'Withdraw an approval; credentials issued before it takes effect keep their standing' })
  async withdraw(
    @Param('achievementId', achievementIdPipe) achievementId: string,
    @Param('jurisdiction') jurisdiction: string,
    @Body() body: WithdrawApprovalRequest,
    @Ctx() ctx: QaCtx,
  ) {
    if (!JURISDICTION_PATTERN.test(jurisdiction)) throw new RequestValidationError([{ field: 'jurisdiction', ...JURISDICTION }]);
    const qaBodyId = actingQaBody(ctx.principal, body.qaBodyId);
    // Refused from the key and its own body before the approval is read: the answer cannot depend on what exists.
    const qaBody = await foldStream(this.events, Streams.qaBody(qaBodyId), evolveQaBody, initialQaBodyState);
    assertActsIn(ctx.principal, jurisdiction, qaBody.state.registered?.jurisdictions);
    const decided = await decideOnStream(
      this.events, Streams.approval(achievementId), approvalDecider,
      { type: 'WithdrawApproval', achievementId, qaBodyId, jurisdiction, reason: body.reason, effectiveFrom: body.effectiveFrom ?? ctx.now },
      ctx, { eventId: randomUUID(), jurisdiction },
    );
    return { ...decided.events[0].data, position: decided.position };
  }

  @ApiOkResponse({ type: ApprovalsResponse })
  @ApiProblems(400)
  @Get()
  @Roles('admin', 'regulator', 'qa-body')
  @ApiOperation({ summary: "The achievement's approval decisions by jurisdiction (qa-body and regulator keys see only their jurisdictions)" })
  async list(@Param('achievementId', achievementIdPipe) achievementId: string, @Ctx() ctx: QaCtx) {
    const { principal } = ctx;
    const [{ state }, body] = await Promise.all([
      foldStream(this.events, Streams.approval(achievementId), evolveApproval, initialApprovalState),
      principal.role === 'qa-body' && principal.scope.qaBodyId ? foldStream(this.events, Streams.qaBody(principal.scope.qaBodyId), evolveQaBody, initialQaBodyState) : undefined,
    ]);
    const visible = Object.entries(state.byJurisdiction).filter(([j]) => reaches(principal, j, body?.state.registered?.jurisdictions));
    return { achievementId, approvals: visible.map(([jurisdiction, a]) => ({ jurisdiction, ...a })) };
  }
}
