import { ReadStore, Scalar } from '@app/read-store';

const PAGE = 500;

/** Every document matching `where`, ordered by id (find() answers a page at a time). */
export async function readAll<T>(reads: ReadStore, collection: string, where: Record<string, Scalar>, idOf: (doc: T) => string): Promise<T[]> {
  const all: T[] = [];
  for (;;) {
    const page = await reads.find<T>(collection, where, { limit: PAGE, ...(all.length ? { afterId: idOf(all[all.length - 1]) } : {}) });
    all.push(...page);
    if (page.length < PAGE) return all;
  }
}
