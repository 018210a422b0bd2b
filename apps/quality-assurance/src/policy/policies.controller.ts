import { Controller, Get, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '@app/auth';
import { DomainError, internalEventId, JURISDICTION_PATTERN, NotFoundError, RequestContext, Streams } from '@app/contracts';
import { shippedJurisdictions, shippedPolicy } from './engine';
import { decideOnStream, EVENT_STORE, EventStore, foldStream } from '@app/event-store';
import { Ctx, RequestValidationError } from '@app/platform';
import { policyDecider } from './policy.decider';
import { evolvePolicy, initialPolicyState } from './policy.state';
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
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  @ApiCreatedResponse({ type: PolicyPublishedResponse, description: 'published' })
  @ApiOkResponse({ type: PolicyPublishedResponse, description: 'this version was already published' })
  @ApiProblems(400, 409, 422)
  @Post(':jurisdiction')
  @Roles('admin')
  @ApiOperation({ summary: "Publish the jurisdiction's policy file shipped with this build (admin); idempotent by version" })
  async publish(@Param('jurisdiction') jurisdiction: string, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    const policy = shippedPolicy(jurisdictionParam(jurisdiction));
    if (!policy) throw new DomainError('POLICY.NO_FILE', `no policy file ships for ${jurisdiction}; shipped: ${shippedJurisdictions().join(', ')}`);
    const decided = await decideOnStream(this.events, Streams.policy(jurisdiction), policyDecider, { type: 'PublishPolicy', policy }, ctx, {
      eventId: internalEventId('policy', `${jurisdiction}/${policy.version}`),
      jurisdiction,
    });
    res.status(decided.events.length ? 201 : 200);
    return { jurisdiction, version: policy.version, published: decided.events.length > 0, ...(decided.position !== undefined ? { position: decided.position } : {}) };
  }

  @ApiOkResponse({ type: PolicyResponse })
  @ApiProblems(400, 404)
  @Get(':jurisdiction')
  @ApiOperation({ summary: 'The current published policy of a jurisdiction, with its rules' })
  async current(@Param('jurisdiction') jurisdiction: string) {
    const { state } = await foldStream(this.events, Streams.policy(jurisdictionParam(jurisdiction)), evolvePolicy, initialPolicyState);
    if (!state.current) throw new NotFoundError(`published policy for ${jurisdiction}`, 'POLICY.NOT_FOUND');
    return { ...state.current, versions: Object.keys(state.versions) };
  }
}
