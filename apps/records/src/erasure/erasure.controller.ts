import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Principal, Roles } from '@app/auth';
import { ErasureRequest, ErasureResponse, ErasureStatusResponse, RequestContext } from '@app/contracts';
import { ApiKeyAuth, ApiProblems, Ctx } from '@app/platform';
import { learnerIdPipe } from '../consents/consents.controller';
import { EraseLearnerCommand, GetErasureQuery } from './erasure.messages';

type Caller = RequestContext & { principal: Principal };

/** Erasure by crypto-shredding: the learner's data keys are destroyed, the record stays as digests and `erased: true`. */
@ApiTags('records')
@ApiKeyAuth()
@Controller('v1/learners')
export class ErasureController {
  constructor(private readonly queries: QueryBus, private readonly commands: CommandBus) {}

  @ApiOkResponse({ type: ErasureResponse })
  @ApiProblems(400, 404)
  @Post(':learnerId/erasure')
  @HttpCode(200)
  @Roles('admin', 'learner')
  @ApiOperation({
    summary: "Erase a learner (admin, or the learner's own key): destroys their data keys in the key vault, so no name or birth date of theirs can be read " +
      'or recorded again, then appends LearnerErased. Idempotent: erasing again answers the first erasure.',
  })
  erase(@Param('learnerId', learnerIdPipe) learnerId: string, @Body() body: ErasureRequest, @Ctx() ctx: Caller) {
    return this.commands.execute(new EraseLearnerCommand(learnerId, body.reason, ctx.principal, ctx));
  }

  @ApiOkResponse({ type: ErasureStatusResponse })
  @ApiProblems(400, 404)
  @Get(':learnerId/erasure')
  @Roles('admin', 'learner')
  @ApiOperation({ summary: 'Whether the learner was erased' })
  status(@Param('learnerId', learnerIdPipe) learnerId: string, @Ctx() ctx: Caller) {
    return this.queries.execute(new GetErasureQuery(learnerId, ctx.principal));
  }
}
