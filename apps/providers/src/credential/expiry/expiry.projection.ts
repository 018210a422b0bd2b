import { EventTypes, RecordedEvent } from '@app/contracts';
import { applyThroughCache, Projection, ReadTx } from '@app/read-store';

export interface ExpiryEntry {
  credentialId: string;
  credentialRef: string;
  providerId: string;
  validUntil: string;
}

export const EXPIRY_SCHEDULE = 'expiry-schedule';
const BY_CREDENTIAL = 'expiry-by-credential';

/**
 * Credentials that will expire, keyed `<validUntil as UTC ISO>|<credentialId>` so that
 * reading the collection in id order reads them in the order they fall due.
 */
export class ExpiryProjection implements Projection {
  readonly name = 'providers.expiry-schedule';
  readonly collections = [EXPIRY_SCHEDULE, BY_CREDENTIAL];

  async apply(tx: ReadTx, event: RecordedEvent): Promise<void> {
    switch (event.type) {
      case EventTypes.CredentialIssued: {
        const c = event.data;
        if (c.validUntil) await this.schedule(tx, { credentialId: c.credentialId, credentialRef: c.credentialRef, providerId: c.providerId, validUntil: c.validUntil });
        return;
      }
      case EventTypes.CredentialAmended: {
        const { credentialId, changes } = event.data;
        if (!changes.validUntil) return;
        const before = await this.unschedule(tx, credentialId, true);
        if (before) await this.schedule(tx, { ...before, validUntil: changes.validUntil });
        return;
      }
      case EventTypes.CredentialExpired:
      case EventTypes.CredentialRevoked:
        await this.unschedule(tx, event.data.credentialId);
        return;
    }
  }

  /** A batch through one write-back cache: an entry scheduled and unscheduled in one batch is read from memory, and each document is written once. */
  applyBatch(tx: ReadTx, events: RecordedEvent[]): Promise<void> {
    return applyThroughCache(tx, events, (t, e) => this.apply(t, e));
  }

  private async schedule(tx: ReadTx, entry: ExpiryEntry): Promise<void> {
    const id = scheduleId(entry);
    await tx.put(EXPIRY_SCHEDULE, id, entry);
    await tx.put(BY_CREDENTIAL, entry.credentialId, { id });
  }

  /** Removes a credential's entry; reads the entry itself only when `read` (an amendment reschedules it), an expiry or revocation needs only its id. */
  private async unschedule(tx: ReadTx, credentialId: string, read = false): Promise<ExpiryEntry | undefined> {
    const pointer = await tx.get<{ id: string }>(BY_CREDENTIAL, credentialId);
    if (!pointer) return undefined;
    const entry = read ? await tx.get<ExpiryEntry>(EXPIRY_SCHEDULE, pointer.id) : undefined;
    await tx.delete(EXPIRY_SCHEDULE, pointer.id);
    await tx.delete(BY_CREDENTIAL, credentialId);
    return entry;
  }
}

export function scheduleId(entry: Pick<ExpiryEntry, 'validUntil' | 'credentialId'>): string {
  return `${new Date(entry.validUntil).toISOString()}|${entry.credentialId}`;
}
