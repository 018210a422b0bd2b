import { Principal } from '@app/auth';
import { anyJurisdictionCovers } from '@app/contracts';
import { ReadStore, Scalar } from '@app/read-store';
import { ProviderView } from '../credential-view';

/**
 * Who may read a provider's records back: an admin any; a provider itself; a regulator, or a
 * QA body, one whose jurisdiction its key's jurisdictions cover. Records has no view of QA
 * bodies, so a qa-body key without explicit jurisdictions reaches no provider here. Anything
 * outside the caller's reach is answered exactly as a provider that does not exist.
 */
export function mayRead(principal: Principal, provider: ProviderView): boolean {
  if (principal.role === 'admin') return true;
  if (principal.role === 'provider') return principal.scope.providerId === provider.providerId;
  if (principal.role === 'regulator' || principal.role === 'qa-body') return anyJurisdictionCovers(principal.scope.jurisdictions ?? [], provider.jurisdiction);
  return false;
}

/**
 * One page of the documents matching `where` that `visible` lets through, ordered by id,
 * after the cursor `after`: it reads on past hidden documents until the page is full.
 */
export async function visiblePage<T>(
  reads: ReadStore,
  collection: string,
  where: Record<string, Scalar>,
  idOf: (doc: T) => string,
  visible: (doc: T) => boolean,
  after: string | undefined,
  limit: number,
): Promise<{ items: T[]; next?: string }> {
  const items: T[] = [];
  let cursor = after;
  for (;;) {
    const batch = await reads.find<T>(collection, where, { limit: limit + 1, ...(cursor !== undefined ? { afterId: cursor } : {}) });
    for (const doc of batch) {
      if (!visible(doc)) continue;
      if (items.length === limit) return { items, next: idOf(items[items.length - 1]) };
      items.push(doc);
    }
    if (batch.length <= limit) return { items };
    cursor = idOf(batch[batch.length - 1]);
  }
}
