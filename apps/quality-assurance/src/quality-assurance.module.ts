import { Module } from '@nestjs/common';
import { AccreditationsController } from './accreditation/accreditations.controller';
import { AccreditProviderHandler } from './accreditation/accredit-provider/accredit-provider.handler';
import { ChangeAccreditationHandler } from './accreditation/change-accreditation/change-accreditation.handler';
import { GetAccreditationHandler } from './accreditation/get-accreditation/get-accreditation.handler';
import { ApprovalsController } from './approval/approvals.controller';
import { DecideApprovalHandler } from './approval/decide-approval/decide-approval.handler';
import { WithdrawApprovalHandler } from './approval/withdraw-approval/withdraw-approval.handler';
import { PoliciesController } from './policy/policies.controller';
import { PublishPolicyHandler } from './policy/publish-policy/publish-policy.handler';
import { GetPolicyHandler } from './policy/get-policy/get-policy.handler';
import { GetQaBodyHandler } from './qa-body/get-qa-body/get-qa-body.handler';
import { ListQaBodiesHandler } from './qa-body/list-qa-bodies/list-qa-bodies.handler';
import { ListAccreditationsHandler } from './accreditation/list-accreditations/list-accreditations.handler';
import { ListApprovalsHandler } from './approval/list-approvals/list-approvals.handler';
import { RegisterQaBodyHandler } from './qa-body/register-qa-body/register-qa-body.handler';
import { QaBodiesController } from './qa-body/qa-bodies.controller';
import { QaProjections } from './standing/qa-projections.service';
import { StandingController } from './standing/standing.controller';
import { GetStandingHandler } from './standing/get-standing/get-standing.handler';

/**
 * The quality-assurance context: QA bodies, jurisdiction policies (data read by one policy
 * engine), accreditations with their history, approvals of achievements, and provider
 * standing on any date from its own read model.
 */
@Module({
  controllers: [QaBodiesController, PoliciesController, AccreditationsController, ApprovalsController, StandingController],
  providers: [
    QaProjections,
    AccreditProviderHandler,
    ChangeAccreditationHandler,
    GetAccreditationHandler,
    DecideApprovalHandler,
    WithdrawApprovalHandler,
    PublishPolicyHandler,
    RegisterQaBodyHandler,
    GetPolicyHandler,
    GetQaBodyHandler,
    ListQaBodiesHandler,
    ListAccreditationsHandler,
    ListApprovalsHandler,
    GetStandingHandler,
  ],
  exports: [QaProjections],
})
export class QualityAssuranceModule {}
