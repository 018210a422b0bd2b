import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApiKeyAuth, ApiKeyIssuedResponse, ApiKeyRevokedResponse, ApiKeyRotatedResponse, ApiProblems, BODY_PROBLEMS, IssueApiKeyRequest, MAX_ROTATION_OVERLAP_DAYS, RequestContext,
  RequestValidationError, RevokeApiKeyRequest, RotateApiKeyRequest,
} from '@app/contracts';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { ApiKeyService } from '../api-key.service';
import { Roles } from '../auth.guard';
import { Principal } from '../principal';
import { Ctx } from '../request-context';
import { resolveKeyScope } from './key-scope';
import { calendarInstant } from './calendar-instant';

type AdminCtx = RequestContext & { principal: Principal };

function keyIdParam(keyId: string): string {
  if (!/^[A-Za-z0-9]{8,32}$/.test(keyId)) throw new RequestValidationError([{ field: 'keyId', message: 'keyId must be 8-32 letters or digits' }]);
  return keyId;
}
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
  @ApiOperation({ summary: 'Issue an API key (admin); the key is shown once and stored only as a hash. Each role needs its scope.' })
  async issue(@Body() body: IssueApiKeyRequest, @Ctx() ctx: AdminCtx) {
    const scope = await resolveKeyScope(body.role, body.scope, this.events);
    const { keyId, apiKey } = await this.keys.issue({ role: body.role, scope, label: body.label }, ctx.actor, ctx.correlationId);
    return { keyId, apiKey, role: body.role, scope };
  }

  @ApiOkResponse({ type: ApiKeyRevokedResponse })
  @ApiProblems(...BODY_PROBLEMS, 404, 409, 422)
  @Post(':keyId/revocation')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary:
      'Revoke an API key (admin): refused at once in every process. Idempotent. A key cannot revoke itself; ' +
      'if every admin key is lost, delete admin.key in the providers data directory and restart to get a new one.',
  })
  async revoke(@Param('keyId') keyId: string, @Body() body: RevokeApiKeyRequest, @Ctx() ctx: AdminCtx) {
    const { state } = await this.keys.revoke(keyIdParam(keyId), body.reason, ctx, ctx.principal.keyId);
    return { keyId, status: 'revoked', revokedAt: state.revoked!.at, ...(state.revoked!.reason ? { reason: state.revoked!.reason } : {}) };
  }

  @ApiCreatedResponse({ type: ApiKeyRotatedResponse })
  @ApiProblems(...BODY_PROBLEMS, 404, 409, 422)
  @Post(':keyId/rotation')
  @Roles('admin')
  @ApiOperation({ summary: `Replace an API key with a new one of the same role and scope (shown once); the old key works until oldKeyValidUntil (at most ${MAX_ROTATION_OVERLAP_DAYS} days ahead)` })
  async rotate(@Param('keyId') keyId: string, @Body() body: RotateApiKeyRequest, @Ctx() ctx: AdminCtx) {
    const now = Date.parse(ctx.now);
    const until = calendarInstant(body.oldKeyValidUntil);
    const field = 'oldKeyValidUntil';
    if (until === undefined) throw new RequestValidationError([{ field, message: 'oldKeyValidUntil is not a real calendar instant' }]);
    if (until < now) throw new RequestValidationError([{ field, message: 'oldKeyValidUntil must not be in the past' }]);
    if (until > now + MAX_ROTATION_OVERLAP_DAYS * 86_400_000) throw new RequestValidationError([{ field, message: `oldKeyValidUntil must be at most ${MAX_ROTATION_OVERLAP_DAYS} days ahead` }]);
    const rotated = await this.keys.rotate(keyIdParam(keyId), new Date(until).toISOString(), ctx, body.label);
    return { keyId: rotated.keyId, apiKey: rotated.apiKey, role: rotated.role, scope: rotated.scope, rotatedFrom: keyId, oldKeyValidUntil: rotated.validUntil };
  }
}
