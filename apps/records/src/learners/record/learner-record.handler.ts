import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Principal } from '@app/auth';
import { LearnerRecordResponse, NotFoundError } from '@app/contracts';
import { RequestValidationError } from '@app/platform';
import { ledgerAt, learnerRecord, recordStacks } from './learner-record';
import { LearnerRecordLoader } from './learner-record.loader';
import { scopeRecord } from './record-scope';

export class GetLearnerRecordQuery extends Query<LearnerRecordResponse> {
  /** `asOf` undefined: the record as of now (the same computation, so it can be asked again later with that instant). */
  constructor(readonly learnerId: string, readonly asOf: string | undefined, readonly principal: Principal) {
    super();
  }
}

/** The 404 of a learner that did not exist at asOf or that the caller may not see: the same body either way. */
export class LearnerRecordNotFoundError extends NotFoundError {
  constructor() {
    super('learner');
    this.message = 'learnerId: learner not found';
  }
}

@QueryHandler(GetLearnerRecordQuery)
export class GetLearnerRecordHandler implements IQueryHandler<GetLearnerRecordQuery> {
  constructor(private readonly loader: LearnerRecordLoader) {}

  async execute({ learnerId, asOf, principal }: GetLearnerRecordQuery): Promise<LearnerRecordResponse> {
    const now = Date.now();
    // The ledger cannot know the future: an answer for a later instant could change before it comes.
    if (asOf !== undefined && Date.parse(asOf) > now) throw new RequestValidationError([{ field: 'asOf', message: 'asOf must not be in the future' }]);
    const instant = new Date(asOf ?? now).toISOString();
    const ledger = ledgerAt(await this.loader.load(learnerId), instant);
    const record = learnerRecord(ledger, learnerId);
    const visible = record && scopeRecord(record, principal);
    if (!visible) throw new LearnerRecordNotFoundError();
    const { members: _members, erased, erasedAt, ...answer } = visible;
    // Stack progress counts only the credentials the caller may see, as GET /v1/learners/{id}/stacks does.
    return { ...answer, stacks: recordStacks(ledger, visible.credentials), erased, ...(erasedAt ? { erasedAt } : {}) };
  }
}
