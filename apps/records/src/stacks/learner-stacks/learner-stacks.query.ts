import { Query } from '@nestjs/cqrs';
import { Principal } from '@app/auth';
import { StackProgress } from '../stack-progress';

export interface LearnerStacksResult {
  learnerId: string;
  stacks: StackProgress[];
}

export class LearnerStacksQuery extends Query<LearnerStacksResult> {
  constructor(readonly learnerId: string, readonly principal: Principal) {
    super();
  }
}
