import { Module } from '@nestjs/common';
import { RawBodyTaps } from '@app/platform';
import { captureBodyDigest } from './signed-request';

/**
 * Signed provider requests in one place: the header names, the raw-body digest taken while the
 * body is parsed (installed by importing this module), and the check against the provider's
 * signing keys (signature-check.ts), for HTTP and Kafka alike.
 */
@Module({})
export class SignedRequestsModule {
  constructor(taps: RawBodyTaps) {
    taps.add(captureBodyDigest);
  }
}
