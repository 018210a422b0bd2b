import { Module } from '@nestjs/common';
import { AccreditationsController } from './accreditation/accreditations.controller';
import { ApprovalsController } from './approval/approvals.controller';
import { PoliciesController } from './policy/policies.controller';
import { QaBodiesController } from './qa-body/qa-bodies.controller';
import { QaProjections } from './standing/qa-projections.service';
import { StandingController } from './standing/standing.controller';

/**
 * The quality-assurance context: QA bodies, jurisdiction policies (data read by one policy
 * engine), accreditations with their history, approvals of achievements, and provider
 * standing on any date from its own read model.
 */
@Module({
  controllers: [QaBodiesController, PoliciesController, AccreditationsController, ApprovalsController, StandingController],
  providers: [QaProjections],
  exports: [QaProjections],
})
export class QualityAssuranceModule {}
