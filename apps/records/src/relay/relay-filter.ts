import { RecordedEvent, streamCategory } from '@app/contracts';

/**
 * Stream categories never relayed. `apikey` streams hold credentials of access (the
 * hash of every API key's secret, its scope): nothing outside the ledger may see them,
 * so they are skipped, not redacted. `identity` streams (claims on an identifier) carry
 * an identifier digest in their very name.
 */
const NEVER_RELAYED = new Set(['apikey', 'identity']);

/**
 * What of an event goes to `ledger.events.v1`, or undefined when it stays in the log.
 *
 * The topic is internal to the ledger's services, yet none of them reads holder
 * identifier digests from it (records folds credentials from the event store), so they
 * are dropped: a digest is pseudonymous personal data that links a learner's
 * credentials, and a topic is copied and retained beyond the ledger's erasure. The
 * encrypted name and birth date stay: without the learner's key, held only in the key
 * vault, they are unreadable, and erasure deletes that key.
 */
export function relayed(event: RecordedEvent): RecordedEvent | undefined {
  if (NEVER_RELAYED.has(streamCategory(event.streamId)) || event.type.startsWith('ApiKey')) return undefined;
  const data = event.data as Record<string, unknown> | null;
  const holder = data?.holder as Record<string, unknown> | undefined;
  if (!holder || typeof holder !== 'object' || !('identifierDigests' in holder)) return event;
  const { identifierDigests: _digests, ...rest } = holder;
  return { ...event, data: { ...data, holder: rest } };
}
