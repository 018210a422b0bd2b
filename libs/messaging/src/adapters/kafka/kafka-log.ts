import { Logger } from '@nestjs/common';
import { LogEntry, logCreator, logLevel } from 'kafkajs';

/**
 * kafkajs warns about this whenever an idempotent producer's retries are bounded. Ours
 * are on purpose: publish() must fail within its timeout rather than hang through an
 * outage, and a send repeated after that keeps its sequence numbers, so the broker still
 * drops the duplicates.
 */
const EXPECTED = ['Limiting retries for the idempotent producer'];

/**
 * Routes kafkajs's own logging through a Nest Logger, so it lands wherever the app
 * sends its logs (pino in the apps) instead of kafkajs's JSON on stdout. Once `muted()`
 * turns true (the client is closed) kafkajs only reports its connections being shut.
 */
export function nestLogCreator(logger: Logger, muted: () => boolean = () => false): logCreator {
  return () =>
    ({ namespace, level, log }: LogEntry) => {
      const { message, timestamp: _timestamp, ...extra } = log;
      if (muted() || EXPECTED.some((m) => message.startsWith(m))) return;
      const text = `[${namespace}] ${message}${Object.keys(extra).length ? ` ${JSON.stringify(extra)}` : ''}`;
      // kafkajs logs every failed request as an error, including those it then retries
      // and wins; the failures that matter reach our callers as thrown errors.
      if (level === logLevel.ERROR && namespace !== 'Connection') logger.error(text);
      else if (level <= logLevel.WARN) logger.warn(text);
      else if (level === logLevel.INFO) logger.log(text);
      else logger.debug(text);
    };
}
