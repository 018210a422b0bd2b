import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ProviderScoped, Roles } from '@app/auth';
import { AchievementSpec, IsText, RequestContext } from '@app/contracts';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { Ctx, RequestValidationError } from '@app/platform';
import { ProviderIdPipe } from '../../provider/provider-id.pipe';
import { decideOnAchievement } from '../achievement.store';
// The answers and refusals each route documents in OpenAPI.
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { AchievementRetiredResponse, AchievementRevisedResponse } from '@app/contracts';
import { ApiKeyAuth, ApiProblems, BODY_PROBLEMS } from '@app/platform';

export class ReviseAchievementRequest extends AchievementSpec {
  @ApiProperty({ description: 'why the specification changed; kept in the audit trail', maxLength: 1000 })
  @IsText({ min: 1, max: 1000, multiline: true })
  reason!: string;
}

export class RetireAchievementRequest {
  @ApiProperty({ maxLength: 1000 }) @IsText({ min: 1, max: 1000, multiline: true }) reason!: string;
}

export const achievementIdPipe = new ParseUUIDPipe({
  exceptionFactory: () => new RequestValidationError([{ field: 'achievementId', message: 'achievementId must be a UUID' }]),
});

@ApiTags('providers')
@ApiKeyAuth()
@Controller('v1/providers/:providerId/achievements/:achievementId')
export class ChangeAchievementController {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  @ApiCreatedResponse({ type: AchievementRevisedResponse })
  @ApiProblems(...BODY_PROBLEMS, 404, 409, 422)
  @Post('revisions')
  @HttpCode(201)
  @Roles('provider', 'admin')
  @ProviderScoped()
  @ApiOperation({ summary: 'Revise an achievement: the whole new specification plus the reason' })
  async revise(
    @Param('providerId', ProviderIdPipe) providerId: string,
    @Param('achievementId', achievementIdPipe) achievementId: string,
    @Body() body: ReviseAchievementRequest,
    @Ctx() ctx: RequestContext,
  ) {
    const { reason, ...spec } = body;
    const result = await decideOnAchievement(this.events, achievementId, { type: 'ReviseAchievement', providerId, achievementId, spec, reason }, ctx, randomUUID());
    return { achievementId, providerId, ...result };
  }

  @ApiOkResponse({ type: AchievementRetiredResponse })
  @ApiProblems(...BODY_PROBLEMS, 404, 409, 422)
  @Post('retirement')
  @HttpCode(200)
  @Roles('provider', 'admin')
  @ProviderScoped()
  @ApiOperation({ summary: 'Retire an achievement: no credential can be issued for it afterwards' })
  async retire(
    @Param('providerId', ProviderIdPipe) providerId: string,
    @Param('achievementId', achievementIdPipe) achievementId: string,
    @Body() body: RetireAchievementRequest,
    @Ctx() ctx: RequestContext,
  ) {
    const result = await decideOnAchievement(this.events, achievementId, { type: 'RetireAchievement', providerId, achievementId, reason: body.reason }, ctx, randomUUID());
    return { achievementId, providerId, retired: true, ...result };
  }
}
