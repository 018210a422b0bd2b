import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { Principal, Roles } from '@app/auth';
import {
  CreditsRef, INSTANT_RULE, IsCalendarInstant, IsText, JURISDICTION_PATTERN, LevelRef, QA_BODY_ID_PATTERN, QF_EHEA_CYCLES, QfEheaCycle, RequestContext,
} from '@app/contracts';
import { Ctx, RequestValidationError } from '@app/platform';
import { creditErrors, levelErrors, throwIfAny } from '../shared/reference-validation';
import { DecideApprovalCommand } from './decide-approval/decide-approval.command';
import { WithdrawApprovalCommand } from './withdraw-approval/withdraw-approval.command';
import { ListApprovalsQuery } from './list-approvals/list-approvals.query';
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
  @ApiPropertyOptional({ type: 'integer', minimum: 1, example: 2, description: 'the achievement revision judged (1 = its definition, +1 per revision); defaults to the current one, and any other is refused with 409' })
  @IsOptional() @IsInt({ message: 'revision must be an integer' }) @Min(1) @Max(1_000_000) revision?: number;
  @ApiPropertyOptional({ enum: QF_EHEA_CYCLES, example: 'first', description: 'QF-EHEA cycle beside the level; must agree with its EQF level (short 5, first 6, second 7, third 8)' })
  @IsOptional() @IsIn(QF_EHEA_CYCLES, { message: `cycle must be one of ${QF_EHEA_CYCLES.join(', ')}` }) cycle?: QfEheaCycle;
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
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

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
    const { event, position } = await this.commands.execute(new DecideApprovalCommand(achievementId, body, ctx.principal, ctx));
    return { decision: event.type === 'AchievementApproved' ? 'approved' : 'declined', ...event.data, position };
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
    const { event, position } = await this.commands.execute(new WithdrawApprovalCommand(achievementId, jurisdiction, body, ctx.principal, ctx));
    return { ...event.data, position };
  }

  @ApiOkResponse({ type: ApprovalsResponse })
  @ApiProblems(400)
  @Get()
  @Roles('admin', 'regulator', 'qa-body')
  @ApiOperation({ summary: "The achievement's approval decisions by jurisdiction (qa-body and regulator keys see only their jurisdictions)" })
  list(@Param('achievementId', achievementIdPipe) achievementId: string, @Ctx() ctx: QaCtx) {
    return this.queries.execute(new ListApprovalsQuery(achievementId, ctx.principal));
  }
}
