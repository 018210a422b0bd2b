import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@app/auth';
import { RegisterProviderRequest, RequestContext } from '@app/contracts';
import { Ctx } from '@app/platform';
import { RegisterProviderCommand } from './register-provider.command';
// The answers and refusals each route documents in OpenAPI.
import { ApiCreatedResponse } from '@nestjs/swagger';
import { ProviderRegisteredResponse } from '@app/contracts';
import { ApiKeyAuth, ApiProblems, BODY_PROBLEMS } from '@app/platform';

@ApiTags('admin')
@ApiKeyAuth()
@Controller('v1/providers')
export class RegisterProviderController {
  constructor(private readonly commands: CommandBus) {}

  @ApiCreatedResponse({ type: ProviderRegisteredResponse })
  @ApiProblems(...BODY_PROBLEMS, 409)
  @Post()
  @HttpCode(201)
  @Roles('admin')
  @ApiOperation({ summary: 'Register a provider (admin)' })
  async register(@Body() body: RegisterProviderRequest, @Ctx() ctx: RequestContext) {
    const { position } = await this.commands.execute(new RegisterProviderCommand({ ...body }, ctx));
    return { providerId: body.providerId, position };
  }
}
