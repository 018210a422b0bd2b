import { AnyEvent, EventTypes, HolderRecord, LedgerEvent, RecordedEvent, streamCategory } from '@app/contracts';

/**
 * Stream categories never relayed. `apikey` streams hold credentials of access (the
 * hash of every API key's secret, its scope): nothing outside the ledger may see them,
 * so they are skipped, not redacted. `identity` streams (claims on an identifier) carry
 * an identifier digest in their very name. `access` streams (who read a learner's data) are
 * the ledger's own audit of reads, answered to the learner and regulators, not published.
 */
const NEVER_RELAYED = new Set(['apikey', 'identity', 'access']);

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
export function relayed(event: RecordedEvent): RecordedEvent<AnyEvent> | undefined {
  if (NEVER_RELAYED.has(streamCategory(event.streamId)) || event.type.startsWith('ApiKey')) return undefined;
  if (event.type !== EventTypes.CredentialIssued) return event;
  const { identifierDigests: _digests, ...holder } = event.data.holder;
  return { ...event, data: { ...event.data, holder } };
}

/**
 * Compiles only while CredentialIssued is the one event that carries a holder: an event
 * type that adds one must be redacted in relayed() before this is widened.
 */
type HolderEvents = Extract<LedgerEvent, { data: { holder: HolderRecord } }>['type'];
export const ONLY_ISSUANCE_CARRIES_A_HOLDER: [HolderEvents] extends [typeof EventTypes.CredentialIssued] ? true : false = true;
