import { ReadStore } from '@app/read-store';
import { entryId, FeedCollections, FeedEntry, PartnerRoute } from './feed-router.projection';

/** A page of a partner's feed: the entries after sequence `after`, in order. */
export function readFeed(reads: ReadStore, partnerId: string, after: number, limit: number): Promise<FeedEntry[]> {
  return reads.find<FeedEntry>(FeedCollections.entries, { partnerId }, { afterId: entryId(partnerId, after), limit });
}

/** Every partner the router knows, as registered. */
export async function routedPartners(reads: ReadStore): Promise<PartnerRoute[]> {
  return (await reads.get<{ partners: PartnerRoute[] }>(FeedCollections.partners, 'all'))?.partners ?? [];
}
