import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequestValidationError } from '@app/platform';
import { VerifyCredentialQuery } from './verify-credential/verify-credential.query';
// The answers and refusals each route documents in OpenAPI.
import { ApiOkResponse } from '@nestjs/swagger';
import { VerificationResponse } from '@app/contracts';
import { ApiKeyAuth, ApiProblems } from '@app/platform';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new RequestValidationError([{ field: 'credentialId', message: 'credentialId must be a UUID' }]) });

@ApiTags('records')
@ApiKeyAuth()
@Controller('v1/credentials')
export class VerificationController {
  constructor(private readonly queries: QueryBus) {}

  /** Open to every authenticated role: relying parties verify credentials of any provider. */
  @ApiOkResponse({ type: VerificationResponse })
  @ApiProblems(400, 404)
  @Get(':credentialId/verification')
  @ApiOperation({ summary: 'Verify a credential: status, issuer, achievement and timestamps' })
  verify(@Param('credentialId', uuid) credentialId: string) {
    return this.queries.execute(new VerifyCredentialQuery(credentialId));
  }
}
