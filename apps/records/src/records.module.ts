import { Module } from '@nestjs/common';
import { RecordsProjections } from './credentials/records-projections.service';
import { ProjectionsController } from './verification/projections.controller';
import { VerificationController } from './verification/verification.controller';

/** The records context: projections of the log and the verification API. */
@Module({
  controllers: [VerificationController, ProjectionsController],
  providers: [RecordsProjections],
  exports: [RecordsProjections],
})
export class RecordsModule {}
