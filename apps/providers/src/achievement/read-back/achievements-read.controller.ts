import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { Principal, Roles } from '@app/auth';
import { AchievementDetailResponse, ProviderAchievementsResponse, RequestContext } from '@app/contracts';
import { ApiKeyAuth, ApiProblems, Ctx } from '@app/platform';
import { ProviderIdPipe } from '../../provider/provider-id.pipe';
import { achievementIdPipe } from '../change-achievement/change-achievement.controller';
import { GetAchievementQuery } from './get-achievement.query';
import { ListAchievementsQuery } from './list-achievements.query';

export class AchievementRevisionQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: "only this revision's specification (1 = the definition)" })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'revision must be an integer' }) @Min(1) @Max(1_000_000) revision?: number;
}

export class AchievementsPageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'the `next` of the previous page' })
  @IsOptional() @IsUUID(undefined, { message: 'after must be an achievementId' }) after?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
}

type ReadCtx = RequestContext & { principal: Principal };
const READERS = ['admin', 'provider', 'qa-body', 'regulator'] as const;

/** Providers read back what they defined; QA bodies and regulators read within their jurisdictions. Out of scope answers like absent. */
@ApiTags('providers')
@ApiKeyAuth()
@Controller('v1')
export class AchievementsReadController {
  constructor(private readonly queries: QueryBus) {}

  @ApiOkResponse({ type: ProviderAchievementsResponse })
  @ApiProblems(400, 404)
  @Get('providers/:providerId/achievements')
  @Roles(...READERS)
  @ApiOperation({ summary: "The provider's achievements with their current revision" })
  list(@Param('providerId', ProviderIdPipe) providerId: string, @Query() query: AchievementsPageQuery, @Ctx() ctx: ReadCtx) {
    return this.queries.execute(new ListAchievementsQuery(providerId, { after: query.after, limit: query.limit ?? 100 }, ctx.principal));
  }

  @ApiOkResponse({ type: AchievementDetailResponse })
  @ApiProblems(400, 404)
  @Get('achievements/:achievementId')
  @Roles(...READERS)
  @ApiOperation({ summary: 'An achievement: every revision of its specification with its approval state per jurisdiction (?revision= for one)' })
  get(@Param('achievementId', achievementIdPipe) achievementId: string, @Query() query: AchievementRevisionQuery, @Ctx() ctx: ReadCtx) {
    return this.queries.execute(new GetAchievementQuery(achievementId, query.revision, ctx.principal));
  }
}
