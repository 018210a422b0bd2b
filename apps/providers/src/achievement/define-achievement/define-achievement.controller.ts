import { randomUUID } from 'node:crypto';
import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Principal, ProviderScoped, Roles } from '@app/auth';
import { DefineAchievementRequest, RequestContext } from '@app/contracts';
import { Ctx } from '@app/platform';
import { ProviderIdPipe } from '../../provider/provider-id.pipe';
import { DefineAchievementCommand, DefineAchievementResult } from './define-achievement.command';
// The answers and refusals each route documents in OpenAPI.
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { AchievementDefinedResponse } from '@app/contracts';
import { ApiKeyAuth, ApiProblems, BODY_PROBLEMS } from '@app/platform';

@ApiTags('providers')
@ApiKeyAuth()
@Controller('v1/providers/:providerId/achievements')
export class DefineAchievementController {
  constructor(private readonly commands: CommandBus) {}

  @ApiCreatedResponse({ type: AchievementDefinedResponse, description: 'defined' })
  @ApiOkResponse({ type: AchievementDefinedResponse, description: 'already defined with this achievementId and the same specification (a retry)' })
  @ApiProblems(...BODY_PROBLEMS, 404, 409, 422)
  @Post()
  @Roles('provider', 'admin')
  @ProviderScoped()
  @ApiOperation({ summary: 'Define an achievement (a micro-credential specification)' })
  async define(
    @Param('providerId', ProviderIdPipe) providerId: string,
    @Body() body: DefineAchievementRequest,
    @Ctx() ctx: RequestContext & { principal: Principal },
    @Res({ passthrough: true }) res: Response,
  ) {
    const { achievementId, ...spec } = body;
    const result: DefineAchievementResult = await this.commands.execute(
      new DefineAchievementCommand({ ...spec, achievementId: achievementId ?? randomUUID(), providerId }, ctx),
    );
    res.status(result.created ? 201 : 200);
    return { achievementId: result.achievementId, providerId, position: result.position, ...(result.warnings ? { warnings: result.warnings } : {}) };
  }
}
