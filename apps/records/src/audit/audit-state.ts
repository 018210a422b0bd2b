import { EventTypes, LedgerEvent, RecordedEvent } from '@app/contracts';
import { ReadTx } from '@app/read-store';
import { CredentialsProjection } from '../credentials/credentials.projection';
import { Collections } from '../credentials/credential-view';
import { evolveConsent, consentDecider } from '../consents/consent.decider';
import { discrepancyDecider, evolveDiscrepancy } from '../discrepancies/discrepancy.decider';
import { evolveStack, stackDecider } from '../stacks/stack.decider';

/**
 * The state of a stream as of an instant, folded with the records context's own evolve where it
 * has one for the stream's category (discrepancy, consent, stack), or its credential view (the
 * same fold verification reads) for a credential. Providers' and QA bodies' aggregates live in
 * other apps, whose code records may not import: for those the answer is the events alone.
 */
export async function foldAsOf(category: string, events: RecordedEvent[]): Promise<{ state: unknown; foldedWith: string } | undefined> {
  switch (category) {
    case 'discrepancy':
      return { state: events.reduce(evolveDiscrepancy, discrepancyDecider.initial), foldedWith: 'records discrepancy decider (evolveDiscrepancy)' };
    case 'consent':
      return { state: events.reduce(evolveConsent, consentDecider.initial), foldedWith: 'records consent decider (evolveConsent)' };
    case 'stack':
      return { state: events.reduce((s, e) => evolveStack(s, e as LedgerEvent), stackDecider.initial), foldedWith: 'records stack decider (evolveStack)' };
    case 'credential': {
      const tx = memoryTx();
      const projection = new CredentialsProjection();
      for (const e of events) await projection.apply(tx, e);
      const id = events.find((e) => e.type === EventTypes.CredentialIssued)?.data as { credentialId?: string } | undefined;
      return { state: id?.credentialId ? ((await tx.get(Collections.credentials, id.credentialId)) ?? null) : null, foldedWith: 'records credential view (CredentialsProjection)' };
    }
    default:
      return undefined;
  }
}

/** A read-store transaction in memory, for folding one stream through a projection. */
function memoryTx(): ReadTx {
  const docs = new Map<string, unknown>();
  const k = (c: string, id: string) => `${c}\u0000${id}`;
  return {
    get: async <T>(c: string, id: string) => structuredClone(docs.get(k(c, id))) as T | undefined,
    put: async <T>(c: string, id: string, doc: T) => { docs.set(k(c, id), structuredClone(doc)); },
    delete: async (c: string, id: string) => { docs.delete(k(c, id)); },
    getCheckpoint: async () => 0,
    setCheckpoint: async () => undefined,
    park: async () => undefined,
    savepoint: async <T>(work: () => Promise<T>) => work(),
  };
}
