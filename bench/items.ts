import { issueItem } from '@app/testing';

/** A CredentialIssued item whose stored event is about 1 KB, the size the throughput targets assume. */
export function benchItem(n: number, achievementId: string) {
  const item = issueItem(`bench-${n}`, `BENCH-${n}`, achievementId, `learner-${n}`);
  item.data.holder.identifiers.push(
    { scheme: 'EU-ESI', value: `urn:schac:personalUniqueCode:int:esi:bench.example:${n}` },
    { scheme: 'EMAIL', value: `learner${n}@bench.example` },
  );
  return { ...item, data: { ...item.data, validUntil: '2031-03-01T00:00:00Z', grade: 'Merit' } };
}
