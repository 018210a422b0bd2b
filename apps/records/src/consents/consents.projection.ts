import { ConsentPurpose, EventTypes, RecordedEvent } from '@app/contracts';
import { Projection, ReadTx } from '@app/read-store';
import { ConsentHistoryEntry } from './consent-in-force';

export const CONSENTS = 'records.consents';

/**
 * A learner's consent to one partner (by `${learnerId}:${partnerId}`): as it stands now, and
 * its whole history, which step 10's feed router folds with consentInForceAt to judge each
 * event at its own position. `learnerId` and `partnerId` are top-level so either finds it.
 */
export interface ConsentDoc {
  learnerId: string;
  partnerId: string;
  status: 'granted' | 'withdrawn';
  purposes: ConsentPurpose[];
  expiresAt?: string;
  grantedAt?: string;
  withdrawnAt?: string;
  history: ConsentHistoryEntry[];
}

export const consentKey = (learnerId: string, partnerId: string) => `${learnerId}:${partnerId}`;

/** Consents to partners, as granted and withdrawn. */
export class ConsentsProjection implements Projection {
  readonly name = 'records.consents';
  readonly collections = [CONSENTS];

  async apply(tx: ReadTx, event: RecordedEvent): Promise<void> {
    if (event.type !== EventTypes.ConsentGranted && event.type !== EventTypes.ConsentWithdrawn) return;
    const { learnerId, partnerId } = event.data;
    const key = consentKey(learnerId, partnerId);
    const before = await tx.get<ConsentDoc>(CONSENTS, key);
    const history = (before?.history ?? []).filter((h) => h.position !== event.position);
    const at = { position: event.position, recordedAt: event.metadata.recordedAt };
    if (event.type === EventTypes.ConsentGranted) {
      const { purposes, expiresAt } = event.data;
      history.push({ type: event.type, ...at, purposes, ...(expiresAt ? { expiresAt } : {}) });
      return tx.put<ConsentDoc>(CONSENTS, key, { learnerId, partnerId, status: 'granted', purposes, ...(expiresAt ? { expiresAt } : {}), grantedAt: at.recordedAt, history });
    }
    history.push({ type: event.type, ...at });
    const { expiresAt: _e, withdrawnAt: _w, ...kept } = before ?? { learnerId, partnerId, purposes: [] as ConsentPurpose[] };
    return tx.put<ConsentDoc>(CONSENTS, key, { ...kept, learnerId, partnerId, status: 'withdrawn', purposes: kept.purposes, withdrawnAt: at.recordedAt, history });
  }
}
