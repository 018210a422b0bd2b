import { KafkaJSError, KafkaJSProtocolError } from 'kafkajs';
import { LedgerError } from '@app/contracts';

/** The broker cannot be reached or is busy; the same call may succeed later. */
export const BUS_UNAVAILABLE = 'BUS.UNAVAILABLE';
/** The broker refused the request (too large, not authorised, invalid topic…); retrying will not help. */
export const BUS_REJECTED = 'BUS.REJECTED';
/** The client failed for a reason of its own that retrying will not fix. */
export const BUS_FAILED = 'BUS.FAILED';
/** The caller gave up on a call (its AbortSignal fired); the call may have taken effect. */
export const BUS_ABORTED = 'BUS.ABORTED';
/** The bus was used after close(). */
export const BUS_CLOSED = 'BUS.CLOSED';

/**
 * Turns a kafkajs error into ours, so nothing above the adapter depends on kafkajs.
 * kafkajs wraps whatever ends one of its retry loops (exhausted retries, a reconnect
 * that failed inside a send) in a non-retriable error; for our caller the original
 * failure may well pass later, so we judge by that cause, as kafkajs's own consumer
 * does when it decides whether to restart. Errors that are not kafkajs's (a handler's,
 * a bug) pass through unchanged.
 */
export function toLedgerError(err: unknown, action: string): unknown {
  if (err instanceof LedgerError || !(err instanceof KafkaJSError)) return err;
  let root: KafkaJSError = err;
  while (root.cause instanceof KafkaJSError && root.cause !== root) root = root.cause;
  const retriable = root.retriable;
  const details: Record<string, unknown> = { kafkaError: root.name };
  if (root instanceof KafkaJSProtocolError) details.kafkaCode = root.type;
  const code = retriable ? BUS_UNAVAILABLE : root instanceof KafkaJSProtocolError ? BUS_REJECTED : BUS_FAILED;
  return new LedgerError(code, `${action}: ${root.message}`, retriable, details);
}

/** True when trying the same bus call again may succeed. */
export function isRetriable(err: unknown): boolean {
  return err instanceof LedgerError && err.retriable;
}
