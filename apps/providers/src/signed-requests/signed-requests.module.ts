import { Module } from '@nestjs/common';
import { RAW_BODY_TAP } from '@app/platform';
import { captureBodyDigest } from './signed-request';

/**
 * Signed provider requests in one place: the header names, the raw-body digest taken while the
 * body is parsed (installed by importing this module: the HTTP app looks up RAW_BODY_TAP), and
 * the check against the provider's signing keys (signature-check.ts), for HTTP and Kafka alike.
 */
@Module({
  providers: [{ provide: RAW_BODY_TAP, useValue: captureBodyDigest }],
  exports: [RAW_BODY_TAP],
})
export class SignedRequestsModule {}
