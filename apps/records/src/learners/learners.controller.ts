import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Principal, Roles } from '@app/auth';
import { LearnerLookupRequest, LearnerLookupResponse, LearnerMergeRequest, LearnerMergeResponse, LearnerSplitRequest, LearnerSplitResponse, RequestContext } from '@app/contracts';
import { ApiKeyAuth, ApiProblems, Ctx, RequestValidationError } from '@app/platform';
import { AuditedRead } from '../access-audit/audited-read';
import { LookupLearnersQuery, MergeLearnersCommand, SplitLearnerCommand } from './learners.messages';

type Caller = RequestContext & { principal: Principal };
const learnerIdPipe = new ParseUUIDPipe({ exceptionFactory: () => new RequestValidationError([{ field: 'learnerId', message: 'learnerId must be a UUID' }]) });

/** Learner records: found by identifier (digested here, never in a URL or a log), merged and split by people. */
@ApiTags('records')
@ApiKeyAuth()
@Controller('v1/learners')
export class LearnersController {
  constructor(private readonly queries: QueryBus, private readonly commands: CommandBus) {}

  @ApiOkResponse({ type: LearnerLookupResponse })
  @ApiProblems(400)
  @Post('lookup')
  @HttpCode(200)
  @Roles('admin', 'regulator', 'provider')
  @AuditedRead('lookup')
  @ApiOperation({ summary: 'Learners holding any of the identifiers (POST so the values stay out of URLs and access logs)' })
  lookup(@Body() body: LearnerLookupRequest, @Ctx() ctx: Caller) {
    return this.queries.execute(new LookupLearnersQuery(body.identifiers, ctx.principal));
  }

  @ApiOkResponse({ type: LearnerMergeResponse })
  @ApiProblems(400, 404, 409)
  @Post('merge')
  @HttpCode(200)
  @Roles('admin', 'regulator')
  @ApiOperation({ summary: 'Merge learner records into the first one named; kept in the history, undone by a split' })
  merge(@Body() body: LearnerMergeRequest, @Ctx() ctx: Caller) {
    return this.commands.execute(new MergeLearnersCommand(body.learnerIds, body.reason, ctx.principal, ctx));
  }

  @ApiOkResponse({ type: LearnerSplitResponse })
  @ApiProblems(400, 404, 422)
  @Post(':learnerId/split')
  @HttpCode(200)
  @Roles('admin', 'regulator')
  @ApiOperation({ summary: "Move credentials out of a learner's record; splitting off exactly what a merge brought undoes that merge" })
  split(@Param('learnerId', learnerIdPipe) learnerId: string, @Body() body: LearnerSplitRequest, @Ctx() ctx: Caller) {
    return this.commands.execute(new SplitLearnerCommand(learnerId, body.credentialIds, body.reason, ctx.principal, ctx));
  }
}
