import { Controller, Get, Param, Post, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '@app/auth';
import { JURISDICTION_PATTERN, RequestContext } from '@app/contracts';
import { Ctx, RequestValidationError } from '@app/platform';
import { PublishPolicyCommand } from './publish-policy/publish-policy.command';
import { GetPolicyQuery } from './get-policy/get-policy.query';
// The answers and refusals each route documents in OpenAPI.
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { PolicyPublishedResponse, PolicyResponse } from '@app/contracts';
import { ApiKeyAuth, ApiProblems } from '@app/platform';

function jurisdictionParam(jurisdiction: string): string {
  if (!JURISDICTION_PATTERN.test(jurisdiction)) throw new RequestValidationError([{ field: 'jurisdiction', message: 'jurisdiction must be an ISO 3166-1 alpha-2 or ISO 3166-2 code, or EU' }]);
  return jurisdiction;
}

@ApiTags('quality assurance')
@ApiKeyAuth()
@Controller('v1/policies')
export class PoliciesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @ApiCreatedResponse({ type: PolicyPublishedResponse, description: 'published' })
  @ApiOkResponse({ type: PolicyPublishedResponse, description: 'this version was already published' })
  @ApiProblems(400, 409, 422)
  @Post(':jurisdiction')
  @Roles('admin')
  @ApiOperation({ summary: "Publish the jurisdiction's policy file shipped with this build (admin); idempotent by version" })
  async publish(@Param('jurisdiction') jurisdiction: string, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    const { version, published, position } = await this.commands.execute(new PublishPolicyCommand(jurisdictionParam(jurisdiction), ctx));
    res.status(published ? 201 : 200);
    return { jurisdiction, version, published, ...(position !== undefined ? { position } : {}) };
  }

  @ApiOkResponse({ type: PolicyResponse })
  @ApiProblems(400, 404)
  @Get(':jurisdiction')
  @ApiOperation({ summary: 'The current published policy of a jurisdiction, with its rules' })
  current(@Param('jurisdiction') jurisdiction: string) {
    return this.queries.execute(new GetPolicyQuery(jurisdictionParam(jurisdiction)));
  }
}
