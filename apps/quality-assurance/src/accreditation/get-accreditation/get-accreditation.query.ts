import { Query } from '@nestjs/cqrs';
import { Principal } from '@app/auth';
import { AccreditationState } from '../accreditation.state';

type Accredited = NonNullable<AccreditationState['accredited']>;

export class GetAccreditationQuery extends Query<Accredited & { suspendedFrom: string | null; withdrawnFrom: string | null }> {
  constructor(readonly accreditationId: string, readonly principal: Principal) {
    super();
  }
}
