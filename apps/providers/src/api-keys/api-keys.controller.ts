import { Body, Controller, Inject, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiKeyService, Roles } from '@app/auth';
import { anyJurisdictionCovers, IssueApiKeyRequest, QualityAssuranceBodyRegistered, RequestContext, Streams } from '@app/contracts';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { Ctx, RequestValidationError } from '@app/platform';
// The answers and refusals each route documents in OpenAPI.
import { ApiCreatedResponse } from '@nestjs/swagger';
import { ApiKeyIssuedResponse } from '@app/contracts';
import { ApiKeyAuth, ApiProblems, BODY_PROBLEMS } from '@app/platform';

@ApiTags('admin')
@ApiKeyAuth()
@Controller('v1/api-keys')
export class ApiKeysController {
  constructor(
    private readonly keys: ApiKeyService,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  @ApiCreatedResponse({ type: ApiKeyIssuedResponse })
  @ApiProblems(...BODY_PROBLEMS)
  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Issue an API key (admin); the key is shown once and stored only as a hash' })
  async issue(@Body() body: IssueApiKeyRequest, @Ctx() ctx: RequestContext) {
    const scope = body.scope ?? {};
    if (body.role === 'provider') {
      if (!scope.providerId) throw new RequestValidationError([{ field: 'scope.providerId', message: 'a provider key needs scope.providerId' }]);
      const [registered] = await this.events.readStream(Streams.provider(scope.providerId), { maxCount: 1 });
      if (!registered) throw new RequestValidationError([{ field: 'scope.providerId', message: 'no provider is registered with this id' }]);
    }
    if (body.role === 'qa-body') {
      if (!scope.qaBodyId) throw new RequestValidationError([{ field: 'scope.qaBodyId', message: 'a qa-body key needs scope.qaBodyId' }]);
      const [registered] = await this.events.readStream(Streams.qaBody(scope.qaBodyId), { maxCount: 1 });
      if (!registered) throw new RequestValidationError([{ field: 'scope.qaBodyId', message: 'no QA body is registered with this id' }]);
      // A key may narrow the body's jurisdictions, never widen them.
      const bodyJurisdictions = (registered.data as QualityAssuranceBodyRegistered).jurisdictions;
      const outside = (scope.jurisdictions ?? []).findIndex((j) => !anyJurisdictionCovers(bodyJurisdictions, j));
      if (outside >= 0) throw new RequestValidationError([{ field: `scope.jurisdictions[${outside}]`, message: "outside the QA body's registered jurisdictions" }]);
    }
    const { keyId, apiKey } = await this.keys.issue({ role: body.role, scope, label: body.label }, ctx.actor, ctx.correlationId);
    return { keyId, apiKey, role: body.role, scope };
  }
}
