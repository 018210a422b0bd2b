import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { Principal, Roles } from '@app/auth';
import { IsCalendarInstant, LearnerRecordResponse, RequestContext } from '@app/contracts';
import { ApiKeyAuth, ApiProblems, Ctx, RequestValidationError } from '@app/platform';
import { AuditedRead } from '../../access-audit/audited-read';
import { GetLearnerRecordQuery } from './learner-record.handler';

export class LearnerRecordRequest {
  @ApiPropertyOptional({ example: '2026-04-01T00:00:00Z', description: 'the instant (with an explicit offset) to answer as of; now when absent' })
  @IsOptional() @IsCalendarInstant() asOf?: string;
}

type Caller = RequestContext & { principal: Principal };
const learnerIdPipe = new ParseUUIDPipe({ exceptionFactory: () => new RequestValidationError([{ field: 'learnerId', message: 'learnerId must be a UUID' }]) });

/** One learner's record across providers and borders, as the ledger knew it at any instant. */
@ApiTags('records')
@ApiKeyAuth()
@Controller('v1/learners')
export class LearnerRecordController {
  constructor(private readonly queries: QueryBus) {}

  @ApiOkResponse({ type: LearnerRecordResponse })
  @ApiProblems(400, 404)
  @Get(':learnerId/record')
  @Roles('admin', 'regulator', 'provider', 'learner')
  @AuditedRead('record')
  @ApiOperation({
    summary: "A learner's credentials with status, standing at issue and normalised figures, and its open discrepancies, computed from the log as of `asOf`",
    description: 'A learner merged into another answers with that record (`answeredAs`). A regulator sees only credentials issued in its jurisdictions, a provider only its own, a learner key only its own record; anything else is 404 as for an unknown learner.',
  })
  record(@Param('learnerId', learnerIdPipe) learnerId: string, @Query() query: LearnerRecordRequest, @Ctx() ctx: Caller) {
    return this.queries.execute(new GetLearnerRecordQuery(learnerId, query.asOf, ctx.principal));
  }
}
