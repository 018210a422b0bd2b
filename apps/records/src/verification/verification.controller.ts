import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { RequestValidationError } from '@app/platform';
import { VerifyCredentialQuery } from './verify-credential/verify-credential.query';
// The answers and refusals each route documents in OpenAPI.
import { ApiOkResponse } from '@nestjs/swagger';
import { VerificationResponse } from '@app/contracts';
import { ApiKeyAuth, ApiProblems } from '@app/platform';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new RequestValidationError([{ field: 'credentialId', message: 'credentialId must be a UUID' }]) });

/**
 * Declared so that it is refused by name rather than ignored: a verification "as of" an
 * instant is answered from the log in step 8's records; until then an answer for now under
 * an `asOf` would look like the past. Any other parameter is refused by the whitelist.
 */
export class VerificationQuery {
  @ApiPropertyOptional({ description: 'not supported yet: refused with 400' }) @IsOptional() @IsString() asOf?: string;
}

@ApiTags('records')
@ApiKeyAuth()
@Controller('v1/credentials')
export class VerificationController {
  constructor(private readonly queries: QueryBus) {}

  /** Open to every authenticated role: relying parties verify credentials of any provider. */
  @ApiOkResponse({ type: VerificationResponse })
  @ApiProblems(400, 404)
  @Get(':credentialId/verification')
  @ApiOperation({
    summary: 'Verify a credential: status, issuer, the achievement revision in force at issue with its normalised figures, and timestamps',
    description: 'status is unknown (valid false) whenever the read model cannot vouch for the credential: its stream in the log holds events the records projection has not applied yet or has parked. 404 only for a credential id the log has never seen.',
  })
  verify(@Param('credentialId', uuid) credentialId: string, @Query() query: VerificationQuery) {
    if (query.asOf !== undefined) throw new RequestValidationError([{ field: 'asOf', message: 'asOf is not supported yet: verification answers as of now' }]);
    return this.queries.execute(new VerifyCredentialQuery(credentialId));
  }
}
