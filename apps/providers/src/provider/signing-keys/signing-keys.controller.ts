import { Body, Controller, HttpCode, Param, Post, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { ProviderScoped, Roles } from '@app/auth';
import { Ed25519Jwk, IsSigningKeyId, isSigningKeyId, IsText, RequestContext, SIGNING_KEY_ID_RULE } from '@app/contracts';
import { Ctx, RequestValidationError } from '@app/platform';
import { ProviderIdPipe } from '../provider-id.pipe';
import { AddSigningKeyCommand } from '../add-signing-key/add-signing-key.command';
import { RevokeSigningKeyCommand } from '../revoke-signing-key/revoke-signing-key.command';
import { SetSigningPolicyCommand } from '../set-signing-policy/set-signing-policy.command';
// The answers and refusals each route documents in OpenAPI.
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { SigningKeyAddedResponse, SigningKeyRevokedResponse, SigningPolicyResponse } from '@app/contracts';
import { ApiKeyAuth, ApiProblems, BODY_PROBLEMS } from '@app/platform';
import { importEd25519 } from '@app/ledger-crypto';

export class AddSigningKeyRequest {
  @ApiProperty({ example: 'batch-2026-1', description: SIGNING_KEY_ID_RULE }) @IsSigningKeyId() keyId!: string;
  @ApiProperty({ type: Ed25519Jwk, example: { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' } })
  @IsObject() @ValidateNested() @Type(() => Ed25519Jwk)
  publicKeyJwk!: Ed25519Jwk;
}

export class RevokeSigningKeyRequest {
  @ApiPropertyOptional({ maxLength: 1000 }) @IsOptional() @IsText({ max: 1000, multiline: true }) reason?: string;
}

export class SigningPolicyRequest {
  @ApiProperty({ description: 'when true, every batch must carry a valid signature' }) @IsBoolean() requireSignedBatches!: boolean;
}

@ApiTags('providers')
@ApiKeyAuth()
@Controller('v1/providers/:providerId')
export class SigningKeysController {
  constructor(private readonly commands: CommandBus) {}

  @ApiCreatedResponse({ type: SigningKeyAddedResponse })
  @ApiProblems(...BODY_PROBLEMS, 404, 409)
  @Post('signing-keys')
  @HttpCode(201)
  @Roles('provider', 'admin')
  @ProviderScoped()
  @ApiOperation({ summary: 'Add an Ed25519 public key (JWK) for signed batches' })
  async add(@Param('providerId', ProviderIdPipe) providerId: string, @Body() body: AddSigningKeyRequest, @Ctx() ctx: RequestContext) {
    if (!importEd25519(body.publicKeyJwk)) throw new RequestValidationError([{ field: 'publicKeyJwk.x', message: 'not a valid Ed25519 public key' }]);
    const result = await this.commands.execute(new AddSigningKeyCommand(providerId, body.keyId, body.publicKeyJwk, ctx));
    return { providerId, keyId: body.keyId, ...result };
  }

  @ApiOkResponse({ type: SigningKeyRevokedResponse })
  @ApiProblems(...BODY_PROBLEMS, 404, 409)
  @Post('signing-keys/:keyId/revocation')
  @HttpCode(200)
  @Roles('provider', 'admin')
  @ProviderScoped()
  @ApiOperation({ summary: 'Revoke a signing key: batches signed with it are refused from now on' })
  async revoke(
    @Param('providerId', ProviderIdPipe) providerId: string,
    @Param('keyId') keyId: string,
    @Body() body: RevokeSigningKeyRequest,
    @Ctx() ctx: RequestContext,
  ) {
    if (!isSigningKeyId(keyId)) throw new RequestValidationError([{ field: 'keyId', message: `keyId must be ${SIGNING_KEY_ID_RULE}` }]);
    const result = await this.commands.execute(new RevokeSigningKeyCommand(providerId, keyId, body.reason, ctx));
    return { providerId, keyId, revoked: true, ...result };
  }

  @ApiOkResponse({ type: SigningPolicyResponse })
  @ApiProblems(...BODY_PROBLEMS, 404, 409, 422)
  @Put('signing-policy')
  @Roles('provider', 'admin')
  @ProviderScoped()
  @ApiOperation({ summary: 'Require (or stop requiring) signed batches' })
  async policy(@Param('providerId', ProviderIdPipe) providerId: string, @Body() body: SigningPolicyRequest, @Ctx() ctx: RequestContext) {
    const result = await this.commands.execute(new SetSigningPolicyCommand(providerId, body.requireSignedBatches, ctx));
    return { providerId, requireSignedBatches: body.requireSignedBatches, ...result };
  }
}
