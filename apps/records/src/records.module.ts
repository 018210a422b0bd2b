import { Module } from '@nestjs/common';
import { PersonalDataModule } from '@app/personal-data';
import { LEDGER_ENV, LedgerEnv } from '@app/platform';
import { AccessLogController } from './access-audit/access-log.controller';
import { GetAccessLogHandler } from './access-audit/access-log.handler';
import { AccessJournal } from './access-audit/access-journal';
import { AccessAuditInterceptor } from './access-audit/audited-read';
import { AuditController } from './audit/audit.controller';
import { AuditProjections } from './audit/audit-projections.service';
import { AuditReader } from './audit/audit-reader';
import { AuditService } from './audit/audit.service';
import { ConsentProjections } from './consents/consent-projections.service';
import { ConsentsController } from './consents/consents.controller';
import { CONSENT_HANDLERS } from './consents/consents.handlers';
import { ErasureController } from './erasure/erasure.controller';
import { ERASURE_HANDLERS } from './erasure/erasure.handlers';
import { DiscrepanciesController } from './discrepancies/discrepancies.controller';
import { DISCREPANCY_HANDLERS } from './discrepancies/discrepancies.handlers';
import { RaiseDiscrepanciesProcess } from './discrepancies/raise-discrepancies.process';
import { GetStandingHandler, StandingController } from './standing/standing.controller';
import { RecordsProjections } from './credentials/records-projections.service';
import { ReadBackController } from './credentials/read-back/read-back.controller';
import { READ_BACK_HANDLERS } from './credentials/read-back/read-back.handlers';
import { LearnerDigests } from './learners/learner-digests';
import { LearnerProjections } from './learners/learner-projections.service';
import { LearnersController } from './learners/learners.controller';
import { LEARNER_HANDLERS } from './learners/learners.handlers';
import { LearnerRecordController } from './learners/record/learner-record.controller';
import { GetLearnerRecordHandler } from './learners/record/learner-record.handler';
import { LearnerRecordLoader } from './learners/record/learner-record.loader';
import { LedgerEventsRelay } from './relay/ledger-events.relay';
import { FEED_PROVIDERS, PartnersController } from './feeds/feeds.providers';
import { LEDGER_LOG_PROVIDERS, LedgerLogController } from './ledger-log/ledger-log.providers';
import { StacksController } from './stacks/stacks.controller';
import { STACK_PROVIDERS } from './stacks/stacks.providers';
import { ProjectionsController } from './verification/projections.controller';
import { VerificationController } from './verification/verification.controller';
import { VerifyCredentialHandler } from './verification/verify-credential/verify-credential.handler';
import { ParkedEventsHandler, ProjectionsStatusHandler } from './verification/projections-status/projections-status.handler';

/** The records context: projections of the log, the verification API, the relay of the log to Kafka. */
@Module({
  imports: [
    // Erasure destroys the learners' data keys: the same vault the providers seal with (in three processes, VAULT and LEDGER_VAULT_KEY must name it).
    PersonalDataModule.forRootAsync({ inject: [LEDGER_ENV], useFactory: (env: LedgerEnv) => ({ url: env.vault, dataDir: env.dataDir, masterKeyHex: env.vaultKey }) }),
  ],
  controllers: [VerificationController, ProjectionsController, ReadBackController, StandingController, DiscrepanciesController, LearnersController, LearnerRecordController, StacksController, ConsentsController, ErasureController, AccessLogController, AuditController, LedgerLogController, PartnersController],
  providers: [RecordsProjections, LedgerEventsRelay, VerifyCredentialHandler, ProjectionsStatusHandler, ParkedEventsHandler, ...READ_BACK_HANDLERS,
    GetStandingHandler, RaiseDiscrepanciesProcess, ...DISCREPANCY_HANDLERS, LearnerProjections, LearnerDigests, ...LEARNER_HANDLERS,
    LearnerRecordLoader, GetLearnerRecordHandler, ...STACK_PROVIDERS, ConsentProjections, ...CONSENT_HANDLERS, ...ERASURE_HANDLERS,
    AccessJournal, AccessAuditInterceptor, GetAccessLogHandler, AuditProjections, AuditReader, AuditService, ...LEDGER_LOG_PROVIDERS, ...FEED_PROVIDERS],
  exports: [RecordsProjections],
})
export class RecordsModule {}
