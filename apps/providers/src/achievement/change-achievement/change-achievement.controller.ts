import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ProviderScoped, Roles } from '@app/auth';
import { AchievementSpec, IsText, RequestContext } from '@app/contracts';
import { Ctx, RequestValidationError } from '@app/platform';
import { ProviderIdPipe } from '../../provider/provider-id.pipe';
import { ReviseAchievementCommand } from '../revise-achievement/revise-achievement.command';
import { RetireAchievementCommand } from '../retire-achievement/retire-achievement.command';
// The answers and refusals each route documents in OpenAPI.
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { AchievementRetiredResponse, AchievementRevisionWrittenResponse } from '@app/contracts';
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
  constructor(private readonly commands: CommandBus) {}

  @ApiCreatedResponse({ type: AchievementRevisionWrittenResponse })
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
    const result = await this.commands.execute(new ReviseAchievementCommand(providerId, achievementId, spec, reason, ctx));
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
    const result = await this.commands.execute(new RetireAchievementCommand(providerId, achievementId, body.reason, ctx));
    return { achievementId, providerId, retired: true, ...result };
  }
}
