import { Query } from '@nestjs/cqrs';
import { Principal } from '@app/auth';

export interface AccreditationListFilter {
  providerId?: string;
  qaBodyId?: string;
}

export class ListAccreditationsQuery extends Query<{ items: object[]; ledgerPosition: number }> {
  constructor(readonly filter: AccreditationListFilter, readonly principal: Principal) {
    super();
  }
}
