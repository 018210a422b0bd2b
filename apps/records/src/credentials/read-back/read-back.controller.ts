import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { Principal, Roles } from '@app/auth';
import { CredentialListResponse, CredentialReadResponse, idProblem, JURISDICTION_PATTERN, MAX_SOURCE_ID_LENGTH, PROVIDER_ID_PATTERN, ProviderListResponse, ProviderReadResponse, RequestContext } from '@app/contracts';
import { ApiKeyAuth, ApiProblems, Ctx, RequestValidationError } from '@app/platform';
import { GetCredentialByRefQuery, GetProviderQuery, ListCredentialsQuery, ListProvidersQuery } from './read-back.queries';

const DEFAULT_LIMIT = 50;
const STATUSES = ['issued', 'suspended', 'revoked', 'expired'] as const;

class PageRequest {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: DEFAULT_LIMIT })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'limit must be an integer' }) @Min(1) @Max(200)
  limit?: number;
}

export class ListProvidersRequest extends PageRequest {
  @ApiPropertyOptional({ example: 'NZ', description: 'only providers registered in this jurisdiction' })
  @IsOptional() @Matches(JURISDICTION_PATTERN, { message: 'jurisdiction must be an ISO 3166-1 alpha-2 or ISO 3166-2 code, or EU' })
  jurisdiction?: string;
  @ApiPropertyOptional({ example: 'uni-aotearoa', description: 'the `next` of the previous page' })
  @IsOptional() @Matches(PROVIDER_ID_PATTERN, { message: 'after must be a providerId (the next of the previous page)' })
  after?: string;
}

export class ListCredentialsRequest extends PageRequest {
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES, { message: `status must be one of ${STATUSES.join(', ')}` }) status?: (typeof STATUSES)[number];
  @ApiPropertyOptional({ format: 'uuid', description: 'the `next` of the previous page' })
  @IsOptional() @IsUUID(undefined, { message: 'after must be a credentialId (the next of the previous page)' })
  after?: string;
}

type Caller = RequestContext & { principal: Principal };

function providerIdOf(value: string): string {
  if (!PROVIDER_ID_PATTERN.test(value)) throw new RequestValidationError([{ field: 'providerId', message: 'providerId must be a lower-case slug of 2-63 letters, digits or dashes' }]);
  return value;
}

/**
 * Providers reading back what they wrote, and QA bodies and regulators reading the providers
 * in their jurisdictions, from the records read model. Outside the caller's scope answers
 * exactly as absent: the same 404.
 */
@ApiTags('records')
@ApiKeyAuth()
@Controller('v1/providers')
export class ReadBackController {
  constructor(private readonly queries: QueryBus) {}

  @ApiOkResponse({ type: ProviderListResponse })
  @ApiProblems(400)
  @Get()
  @Roles('admin', 'provider', 'qa-body', 'regulator')
  @ApiOperation({ summary: 'Providers the caller may read, ordered by id, a page at a time (`after` = the previous `next`)' })
  list(@Query() query: ListProvidersRequest, @Ctx() ctx: Caller) {
    return this.queries.execute(new ListProvidersQuery({ jurisdiction: query.jurisdiction, after: query.after, limit: query.limit ?? DEFAULT_LIMIT }, ctx.principal));
  }

  @ApiOkResponse({ type: ProviderReadResponse })
  @ApiProblems(400, 404)
  @Get(':providerId')
  @Roles('admin', 'provider', 'qa-body', 'regulator')
  @ApiOperation({ summary: 'A provider as registered' })
  get(@Param('providerId') providerId: string, @Ctx() ctx: Caller) {
    return this.queries.execute(new GetProviderQuery(providerIdOf(providerId), ctx.principal));
  }

  @ApiOkResponse({ type: CredentialListResponse })
  @ApiProblems(400, 404)
  @Get(':providerId/credentials')
  @Roles('admin', 'provider', 'qa-body', 'regulator')
  @ApiOperation({ summary: "A provider's credentials, optionally of one status, ordered by credentialId, a page at a time" })
  credentials(@Param('providerId') providerId: string, @Query() query: ListCredentialsRequest, @Ctx() ctx: Caller) {
    const filter = { status: query.status, after: query.after, limit: query.limit ?? DEFAULT_LIMIT };
    return this.queries.execute(new ListCredentialsQuery(providerIdOf(providerId), filter, ctx.principal));
  }

  @ApiOkResponse({ type: CredentialReadResponse })
  @ApiProblems(400, 404)
  @Get(':providerId/credentials/by-ref/:credentialRef')
  @Roles('admin', 'provider', 'qa-body', 'regulator')
  @ApiOperation({ summary: "A credential by the provider's own reference" })
  byRef(@Param('providerId') providerId: string, @Param('credentialRef') credentialRef: string, @Ctx() ctx: Caller) {
    const problem = idProblem(credentialRef, MAX_SOURCE_ID_LENGTH);
    if (problem) throw new RequestValidationError([{ field: 'credentialRef', message: `credentialRef is not a credential reference (${problem})` }]);
    return this.queries.execute(new GetCredentialByRefQuery(providerIdOf(providerId), credentialRef, ctx.principal));
  }
}
