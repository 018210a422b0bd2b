import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, Matches } from 'class-validator';
import type { Response } from 'express';
import { Principal, Roles } from '@app/auth';
import { IsLevelFramework, IsText, JURISDICTION_PATTERN, QA_BODY_ID_PATTERN, RequestContext } from '@app/contracts';
import { Ctx, RequestValidationError } from '@app/platform';
import { levelErrors, throwIfAny } from '../shared/reference-validation';
import { RegisterQaBodyCommand } from './register-qa-body/register-qa-body.command';
import { GetQaBodyQuery } from './get-qa-body/get-qa-body.query';
import { ListQaBodiesQuery } from './list-qa-bodies/list-qa-bodies.query';
// The answers and refusals each route documents in OpenAPI.
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { QaBodyListResponse, QaBodyRegisteredResponse, QaBodyResponse } from '@app/contracts';
import { ApiKeyAuth, ApiProblems, BODY_PROBLEMS } from '@app/platform';

export class RegisterQaBodyRequest {
  @ApiProperty({ example: 'nzqa', description: 'lower-case slug, 2-63 characters' })
  @Matches(QA_BODY_ID_PATTERN, { message: 'qaBodyId must be a lower-case slug of 2-63 letters, digits or dashes' })
  qaBodyId!: string;
  @ApiProperty({ example: 'New Zealand Qualifications Authority', maxLength: 300 }) @IsText({ min: 1, max: 300 }) name!: string;
  @ApiProperty({ type: [String], example: ['NZ'], description: 'ISO 3166-1 alpha-2, ISO 3166-2 or EU' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @Matches(JURISDICTION_PATTERN, { each: true, message: 'each jurisdiction must be an ISO 3166-1 alpha-2 or ISO 3166-2 code, or EU' })
  jurisdictions!: string[];
  @ApiProperty({ type: [String], example: ['NZQCF'], description: 'level frameworks the body works with, from the reference data' })
  @IsArray() @ArrayMaxSize(20) @IsLevelFramework({ each: true })
  frameworks!: string[];
}

@ApiTags('quality assurance')
@ApiKeyAuth()
@Controller('v1/qa-bodies')
export class QaBodiesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @ApiCreatedResponse({ type: QaBodyRegisteredResponse, description: 'registered' })
  @ApiOkResponse({ type: QaBodyRegisteredResponse, description: 'already registered with the same content (a retry)' })
  @ApiProblems(...BODY_PROBLEMS, 409)
  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Register a quality-assurance body (admin)' })
  async register(@Body() body: RegisterQaBodyRequest, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    throwIfAny(body.frameworks.flatMap((f, i) => levelErrors(f, [], `frameworks[${i}]`)));
    const { created, position } = await this.commands.execute(new RegisterQaBodyCommand({ ...body }, ctx));
    res.status(created ? 201 : 200);
    return { qaBodyId: body.qaBodyId, ...(position !== undefined ? { position } : {}) };
  }

  @ApiOkResponse({ type: QaBodyListResponse })
  @ApiProblems()
  @Get()
  @Roles('admin', 'regulator', 'qa-body')
  @ApiOperation({ summary: 'The QA bodies the caller may see (a qa-body key its own, a regulator those working in its jurisdictions)' })
  list(@Ctx() ctx: RequestContext & { principal: Principal }) {
    return this.queries.execute(new ListQaBodiesQuery(ctx.principal));
  }

  @ApiOkResponse({ type: QaBodyResponse })
  @ApiProblems(400, 404)
  @Get(':qaBodyId')
  @Roles('admin', 'regulator', 'qa-body')
  @ApiOperation({ summary: 'A QA body as registered (a qa-body key sees only its own, a regulator those working in its jurisdictions)' })
  get(@Param('qaBodyId') qaBodyId: string, @Ctx() ctx: RequestContext & { principal: Principal }) {
    if (!QA_BODY_ID_PATTERN.test(qaBodyId)) throw new RequestValidationError([{ field: 'qaBodyId', message: 'qaBodyId must be a lower-case slug' }]);
    return this.queries.execute(new GetQaBodyQuery(qaBodyId, ctx.principal));
  }
}

