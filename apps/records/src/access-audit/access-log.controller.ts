import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Principal, Roles } from '@app/auth';
import { RequestContext } from '@app/contracts';
import { ApiKeyAuth, ApiProblems, Ctx } from '@app/platform';
import { learnerIdPipe } from '../consents/consents.controller';
import { GetAccessLogQuery } from './access-log.handler';
import { AccessLogResponse } from './access-log.responses';

const DEFAULT_LIMIT = 50;

export class AccessLogRequest {
  @ApiPropertyOptional({ description: 'the `next` cursor of the previous page' })
  @IsOptional() @IsString() @MaxLength(40, { message: 'after must be a cursor from a previous page (`next`)' }) after?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: DEFAULT_LIMIT })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'limit must be an integer' }) @Min(1) @Max(200) limit?: number;
}

type Caller = RequestContext & { principal: Principal };

/** A learner's access log: who read their data, when and why. */
@ApiTags('records')
@ApiKeyAuth()
@Controller('v1/learners')
export class AccessLogController {
  constructor(private readonly queries: QueryBus) {}

  @ApiOkResponse({ type: AccessLogResponse })
  @ApiProblems(400, 404)
  @Get(':learnerId/access-log')
  @Roles('admin', 'regulator', 'learner')
  @ApiOperation({
    summary: "Who read the learner's record, stacks or consents, or found the learner by lookup, when and for which Ledger-Purpose; the learner's own reads are not listed",
    description: 'Entries are written off the read path, within about 100 ms of the read. The learner\'s own key and admins read it; a regulator for a learner with a credential issued in its jurisdictions; anything else is 404 as for an unknown learner.',
  })
  log(@Param('learnerId', learnerIdPipe) learnerId: string, @Query() query: AccessLogRequest, @Ctx() ctx: Caller) {
    return this.queries.execute(new GetAccessLogQuery(learnerId, query.after, query.limit ?? DEFAULT_LIMIT, ctx.principal));
  }
}
