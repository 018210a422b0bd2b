import { Module } from '@nestjs/common';

/**
 * The quality-assurance context: QA bodies, accreditations, approvals against
 * jurisdiction policies. Its use cases arrive with step 4; the app already serves
 * health and docs on the shared platform so it can be deployed alongside the others.
 */
@Module({})
export class QualityAssuranceModule {}
