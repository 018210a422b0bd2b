import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { Principal, Roles } from '@app/auth';
import { CreditsRef, ISO_INSTANT, JURISDICTION_PATTERN, LevelRef, QA_BODY_ID_PATTERN, RequestContext, Streams } from '@app/contracts';
import { decideOnStream, EVENT_STORE, EventStore, foldStream } from '@app/event-store';
import { Ctx, RequestValidationError } from '@app/platform';
import { evolveAchievement, initialAchievementState } from '../../../providers/src/achievement/achievement.state';
import { evolvePolicy, initialPolicyState } from '../policy/policy.state';
import { evolveQaBody, initialQaBodyState } from '../qa-body/qa-body.state';
import { actingQaBody, assertQaBodyMayActIn, keyCovers } from '../shared/qa-scope';
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
  @ApiPropertyOptional({ example: { framework: 'NZQCF', value: 5 }, description: "the level approved, in the jurisdiction's framework" })
  @IsOptional() @ValidateNested() @Type(() => LevelRef) level?: LevelRef;
  @ApiPropertyOptional({ example: { system: 'NZQCF-credit', value: 15 }, description: "the credits approved, in the jurisdiction's unit" })
  @IsOptional() @ValidateNested() @Type(() => CreditsRef) credits?: CreditsRef;
  @ApiPropertyOptional({ description: 'only for admins acting on behalf of a QA body' })
  @IsOptional() @Matches(QA_BODY_ID_PATTERN, { message: 'qaBodyId must be a lower-case slug' }) qaBodyId?: string;
}

export class WithdrawApprovalRequest {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(1000) reason!: string;
  @ApiPropertyOptional({ description: 'from when; defaults to now' }) @IsOptional() @Matches(ISO_INSTANT, { message: 'effectiveFrom must be an ISO 8601 instant' }) effectiveFrom?: string;
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
    // Scope first, from the key alone: nothing about the achievement is read for a caller outside it.
    assertQaBodyMayActIn(ctx.principal, body.jurisdiction);
    const [qaBody, policy, achievement] = await Promise.all([
      foldStream(this.events, Streams.qaBody(qaBodyId), evolveQaBody, initialQaBodyState),
      foldStream(this.events, Streams.policy(body.jurisdiction), evolvePolicy, initialPolicyState),
      foldStream(this.events, Streams.achievement(achievementId), evolveAchievement, initialAchievementState),
    ]);
    assertQaBodyMayActIn(ctx.principal, body.jurisdiction, qaBody.state);
    if (!qaBody.state.registered) throw new RequestValidationError([{ field: 'qaBodyId', message: 'no QA body is registered with this id' }]);
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
    assertQaBodyMayActIn(ctx.principal, jurisdiction);
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
  @ApiOperation({ summary: "The achievement's approval decisions by jurisdiction (a qa-body key sees its own jurisdictions)" })
  async list(@Param('achievementId', achievementIdPipe) achievementId: string, @Ctx() ctx: QaCtx) {
    const { state } = await foldStream(this.events, Streams.approval(achievementId), evolveApproval, initialApprovalState);
    const visible = Object.entries(state.byJurisdiction).filter(([j]) => ctx.principal.role !== 'qa-body' || keyCovers(ctx.principal, j));
    return { achievementId, approvals: visible.map(([jurisdiction, a]) => ({ jurisdiction, ...a })) };
  }
}
