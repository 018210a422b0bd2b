import { Query } from '@nestjs/cqrs';
import { Principal } from '@app/auth';
import { QualityAssuranceBodyRegistered } from '@app/contracts';

export class GetQaBodyQuery extends Query<QualityAssuranceBodyRegistered> {
  constructor(readonly qaBodyId: string, readonly principal: Principal) {
    super();
  }
}
