import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Principal, Roles } from '@app/auth';
import { RequestContext } from '@app/contracts';
import { ApiKeyAuth, ApiProblems, Ctx, RequestValidationError } from '@app/platform';
import { EvidenceResponse } from './evidence.responses';
import { GetEvidenceQuery } from './get-evidence.handler';

const DIGEST = /^[0-9a-fA-F]{64}$/;

/** Signed submissions kept as evidence, for anyone to re-verify that the provider sent exactly that. */
@ApiTags('providers')
@ApiKeyAuth()
@Controller('v1/evidence')
export class EvidenceController {
  constructor(private readonly queries: QueryBus) {}

  @ApiOkResponse({ type: EvidenceResponse })
  @ApiProblems(400, 404)
  @Get(':bodyDigest')
  @Roles('admin', 'regulator', 'provider')
  @ApiOperation({
    summary: 'A signed batch (or Kafka message) as the provider sent it: body, key id and signature, linked from each event it produced (metadata.evidence)',
    description: "Check it with the provider's public key: Ed25519-verify `signature` over SHA-256(body). Admins see any; a regulator those of providers in its jurisdictions; a provider its own; anything else is 404 as for an unknown digest.",
  })
  get(@Param('bodyDigest') bodyDigest: string, @Ctx() ctx: RequestContext & { principal: Principal }) {
    if (!DIGEST.test(bodyDigest)) throw new RequestValidationError([{ field: 'bodyDigest', message: 'bodyDigest must be a SHA-256 digest: 64 hexadecimal characters' }]);
    return this.queries.execute(new GetEvidenceQuery(bodyDigest.toLowerCase(), ctx.principal));
  }
}
