import { Controller, Get, Inject, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { isExpiredAt, NotFoundError } from '@app/contracts';
import { RequestValidationError } from '@app/platform';
import { READ_STORE, ReadStore } from '@app/read-store';
import { AchievementView, Collections, CredentialView, ProviderView } from '../credentials/credential-view';
import { RecordsProjections } from '../credentials/records-projections.service';
// The answers and refusals each route documents in OpenAPI.
import { ApiOkResponse } from '@nestjs/swagger';
import { VerificationResponse } from '@app/contracts';
import { ApiKeyAuth, ApiProblems } from '@app/platform';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new RequestValidationError([{ field: 'credentialId', message: 'credentialId must be a UUID' }]) });

@ApiTags('records')
@ApiKeyAuth()
@Controller('v1/credentials')
export class VerificationController {
  constructor(
    @Inject(READ_STORE) private readonly reads: ReadStore,
    private readonly projections: RecordsProjections,
  ) {}

  /** Open to every authenticated role: relying parties verify credentials of any provider. */
  @ApiOkResponse({ type: VerificationResponse })
  @ApiProblems(400, 404)
  @Get(':credentialId/verification')
  @ApiOperation({ summary: 'Verify a credential: status, issuer, achievement and timestamps' })
  async verify(@Param('credentialId', uuid) credentialId: string) {
    const credential = await this.reads.get<CredentialView>(Collections.credentials, credentialId);
    if (!credential) throw new NotFoundError('credential');
    const [provider, achievement] = await Promise.all([
      this.reads.get<ProviderView>(Collections.providers, credential.providerId),
      this.reads.get<AchievementView>(Collections.achievements, credential.achievementId),
    ]);
    const now = new Date();
    // CredentialExpired may not be written yet (the scheduler runs in passes): the same rule answers meanwhile.
    const status = isExpiredAt(credential, now) ? 'expired' : credential.status;
    return {
      credentialId,
      credentialRef: credential.credentialRef,
      status,
      valid: status === 'issued',
      provider: provider ?? { providerId: credential.providerId },
      achievement: achievement ?? { achievementId: credential.achievementId },
      issuedAt: credential.issuedAt,
      ...(credential.validUntil ? { validUntil: credential.validUntil } : {}),
      ...(credential.grade ? { grade: credential.grade } : {}),
      statusChangedAt: credential.statusChangedAt,
      ...(credential.statusReason ? { statusReason: credential.statusReason } : {}),
      recordedAt: credential.recordedAt,
      history: credential.history,
      checkedAt: now.toISOString(),
      ledgerPosition: this.projections.runner.caughtUpTo,
    };
  }
}
