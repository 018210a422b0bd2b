import { Query } from '@nestjs/cqrs';
import { VerificationResponse } from '@app/contracts';

export class VerifyCredentialQuery extends Query<VerificationResponse> {
  constructor(readonly credentialId: string) {
    super();
  }
}
