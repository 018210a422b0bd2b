import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Principal, Roles } from '@app/auth';
import { DefineStackRequest, LearnerStacksResponse, RequestContext, StackWrittenResponse } from '@app/contracts';
import { ApiKeyAuth, ApiProblems, BODY_PROBLEMS, Ctx, RequestValidationError } from '@app/platform';
import { AuditedRead } from '../access-audit/audited-read';
import { DefineStackCommand } from './define-stack/define-stack.command';
import { LearnerStacksQuery } from './learner-stacks/learner-stacks.query';

type Caller = RequestContext & { principal: Principal };
const learnerIdPipe = new ParseUUIDPipe({ exceptionFactory: () => new RequestValidationError([{ field: 'learnerId', message: 'learnerId must be a UUID' }]) });

/** Stacks: larger credentials built from achievements, and each learner's progress towards them. */
@ApiTags('records')
@ApiKeyAuth()
@Controller('v1')
export class StacksController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @ApiCreatedResponse({ type: StackWrittenResponse, description: 'defined' })
  @ApiOkResponse({ type: StackWrittenResponse, description: 'the same definition was already there (a retry)' })
  @ApiProblems(...BODY_PROBLEMS, 403, 409)
  @Post('stacks')
  @Roles('admin', 'qa-body')
  @ApiOperation({ summary: 'Define a stack: at least minimumEcts ECTS-equivalent at or above EQF minimumEqfLevel from its achievements, every mandatory one met' })
  async define(@Body() body: DefineStackRequest, @Ctx() ctx: Caller, @Res({ passthrough: true }) res: Response) {
    const { stackId, position, created } = await this.commands.execute(new DefineStackCommand(body, ctx.principal, ctx));
    res.status(created ? 201 : 200);
    return { stackId, position };
  }

  @ApiOkResponse({ type: LearnerStacksResponse })
  @ApiProblems(400, 404)
  @Get('learners/:learnerId/stacks')
  @Roles('admin', 'learner', 'regulator', 'provider')
  @AuditedRead('stacks')
  @ApiOperation({ summary: "A learner's progress and eligibility towards each stack they hold a credential for; only quality-assured credentials that are not revoked or suspended count" })
  progress(@Param('learnerId', learnerIdPipe) learnerId: string, @Ctx() ctx: Caller) {
    return this.queries.execute(new LearnerStacksQuery(learnerId, ctx.principal));
  }
}
