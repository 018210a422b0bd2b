import { RecordedEvent } from '@app/contracts';
import { CredentialView } from '../../credentials/credential-view';

/** Why the read model cannot vouch for a credential: verification then answers `unknown`. */
export type UnvouchedReason = 'not-projected' | 'projection-behind' | 'event-parked';

/**
 * Whether the credential row reflects every event of the credential's stream. An event of
 * the stream missing from the row's history is either past the projection's checkpoint (the
 * projection has not reached it yet) or at or before it (the projection parked it). Either
 * way the row may be stale, and a stale "issued" must never be answered as valid.
 *
 * `checkpoint` must be read before the row: the row then reflects at least every event up
 * to it, so an event at or before it that the row lacks was parked, not merely late.
 */
export function vouch(stream: RecordedEvent[], row: CredentialView | undefined, checkpoint: number): UnvouchedReason | undefined {
  const applied = new Set(row?.history.map((h) => h.position) ?? []);
  const missing = stream.filter((e) => !applied.has(e.position));
  if (missing.length === 0) return row ? undefined : 'not-projected';
  if (missing.some((e) => e.position <= checkpoint)) return 'event-parked';
  return row ? 'projection-behind' : 'not-projected';
}

/**
 * Whether the row holds every event of the stream, known from the stream's last event alone:
 * history entries are events of the credential's own stream, one per position, so a row with
 * as many entries as the stream has revisions, ending at the stream's last event, holds them
 * all. When this says no, the whole stream decides why (vouch).
 */
export function holdsWholeStream(last: Pick<RecordedEvent, 'revision' | 'position'>, row: CredentialView | undefined): boolean {
  const history = row?.history;
  return !!history && history.length === last.revision + 1 && history[history.length - 1].position === last.position;
}
