import { Query } from '@nestjs/cqrs';
import { Principal } from '@app/auth';
import { JurisdictionApproval } from '../approval.state';

export class ListApprovalsQuery extends Query<{ achievementId: string; approvals: (JurisdictionApproval & { jurisdiction: string })[] }> {
  constructor(readonly achievementId: string, readonly principal: Principal) {
    super();
  }
}
