import { Query } from '@nestjs/cqrs';
import { Principal } from '@app/auth';
import type { QaBodyView } from '../../standing/standing.view';

export class ListQaBodiesQuery extends Query<{ items: QaBodyView[]; ledgerPosition: number }> {
  constructor(readonly principal: Principal) {
    super();
  }
}
