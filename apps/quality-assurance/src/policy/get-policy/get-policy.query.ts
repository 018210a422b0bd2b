import { Query } from '@nestjs/cqrs';
import { JurisdictionPolicy } from '@app/contracts';

export class GetPolicyQuery extends Query<JurisdictionPolicy & { versions: string[] }> {
  constructor(readonly jurisdiction: string) {
    super();
  }
}
