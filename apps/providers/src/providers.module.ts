import { Module } from '@nestjs/common';
import { PersonalDataModule } from '@app/personal-data';
import { LEDGER_ENV, LedgerEnv } from '@app/platform';
import { DefineAchievementController } from './achievement/define-achievement/define-achievement.controller';
import { DefineAchievementHandler } from './achievement/define-achievement/define-achievement.handler';
import { ChangeAchievementController } from './achievement/change-achievement/change-achievement.controller';
import { SigningKeysController } from './provider/signing-keys/signing-keys.controller';
import { ExpiryScheduler } from './credential/expiry/expiry.scheduler';
import { BulkActionController } from './ingest/bulk/bulk-action.controller';
import { BulkActionHandler } from './ingest/bulk/bulk-action.handler';
import { HolderDigests } from './ingest/holder-digests';
import { IngestBatchHandler } from './ingest/ingest-batch/ingest-batch.handler';
import { IngestBatchController } from './ingest/ingest-batch/ingest-batch.controller';
import { IngestService } from './ingest/ingest.service';
import { KafkaIngestConsumer } from './ingest/kafka-ingest.consumer';
import { RegisterProviderController } from './provider/register-provider/register-provider.controller';
import { RegisterProviderHandler } from './provider/register-provider/register-provider.handler';
import { AddSigningKeyHandler } from './provider/add-signing-key/add-signing-key.handler';
import { RevokeSigningKeyHandler } from './provider/revoke-signing-key/revoke-signing-key.handler';
import { SetSigningPolicyHandler } from './provider/set-signing-policy/set-signing-policy.handler';
import { ReviseAchievementHandler } from './achievement/revise-achievement/revise-achievement.handler';
import { RetireAchievementHandler } from './achievement/retire-achievement/retire-achievement.handler';
import { SignedRequestsModule } from './signed-requests';
import { EvidenceController } from './evidence/evidence.controller';
import { EVIDENCE_PROVIDERS } from './evidence/evidence.providers';
import { AchievementsReadController } from './achievement/read-back/achievements-read.controller';
import { GetAchievementHandler } from './achievement/read-back/get-achievement.handler';
import { ListAchievementsHandler } from './achievement/read-back/list-achievements.handler';
import { ProviderAchievementsProjections } from './achievement/read-back/achievements.projection';

/** The providers context: registry, achievements, credential lifecycle ingest (HTTP and Kafka). */
@Module({
  imports: [
    SignedRequestsModule,
    PersonalDataModule.forRootAsync({ inject: [LEDGER_ENV], useFactory: (env: LedgerEnv) => ({ url: env.vault, dataDir: env.dataDir, masterKeyHex: env.vaultKey }) }),
  ],
  controllers: [
    RegisterProviderController,
    SigningKeysController,
    DefineAchievementController,
    ChangeAchievementController,
    AchievementsReadController,
    IngestBatchController,
    BulkActionController,
    EvidenceController,
  ],
  providers: [
    RegisterProviderHandler,
    AddSigningKeyHandler,
    RevokeSigningKeyHandler,
    SetSigningPolicyHandler,
    DefineAchievementHandler,
    ReviseAchievementHandler,
    RetireAchievementHandler,
    GetAchievementHandler,
    ListAchievementsHandler,
    ProviderAchievementsProjections,
    IngestBatchHandler,
    BulkActionHandler,
    IngestService,
    HolderDigests,
    KafkaIngestConsumer,
    ExpiryScheduler,
    ...EVIDENCE_PROVIDERS,
  ],
  exports: [IngestService],
})
export class ProvidersModule {}
