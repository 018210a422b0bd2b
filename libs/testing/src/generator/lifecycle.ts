import { createHash } from 'node:crypto';
import { addDays, DataSet, GeneratedAchievement, GeneratedBatch, GeneratedItem, GeneratedProvider, learnerOf } from './data-set';
import { JURISDICTIONS } from './jurisdictions';
import { SeededRandom } from './random';

const FIRST_ISSUE = Date.parse('2023-02-01T00:00:00Z');
const LAST_ISSUE = Date.parse('2026-09-30T00:00:00Z');
/** No follow-up is dated after this: every date stays in the past of the data set's making. */
const LAST_EVENT = '2026-11-20T00:00:00Z';
const GRADES = ['Pass', 'Merit', 'Excellence', 'Achieved', 'Distinction', 'Credit', 'High Distinction'];
const SUSPENSIONS = ['academic integrity investigation opened', 'assessment evidence under review', 'fees dispute under review'];
const REVOCATIONS = ['assessment misconduct confirmed', 'issued in error', 'identity of the candidate not verified'];

interface Pending {
  due: number;
  seq: number;
  providerId: string;
  item: GeneratedItem;
}

/**
 * The provider lifecycle events of a data set, in batches per provider, exactly
 * `set.events` items: credentials issued in time order across 2023-2026, and for some of
 * them later on an amendment (about 4%), a suspension (3%, most reinstated later) or a
 * revocation (2%). A provider's batches come in the order they must be sent; batches of
 * different providers are independent. About a third of the credentials carry a validUntil
 * already past, which the ledger expires on its own. Lazy: 1,000,000 events never sit in memory.
 */
export function* lifecycleBatches(set: DataSet): Generator<GeneratedBatch> {
  const random = SeededRandom.for(set.seed, 'lifecycle');
  const byJurisdiction = new Map(JURISDICTIONS.map((j) => [j.code, set.providers.filter((p) => p.jurisdiction === j.code)]));
  const achievementsOf = new Map(set.providers.map((p) => [p.providerId, set.achievements.filter((a) => a.providerId === p.providerId)]));
  const buffers = new Map<string, GeneratedItem[]>(set.providers.map((p) => [p.providerId, []]));
  const pending: Pending[] = [];
  const expectedCredentials = Math.max(1, Math.round(set.events / 1.1));
  // Ids carry a tag of the seed: two data sets loaded into one ledger never reuse each other's ids.
  const tag = seedTag(set.seed);
  let emitted = 0;
  let seq = 0;

  const push = (providerId: string, item: GeneratedItem): GeneratedBatch | undefined => {
    emitted++;
    const buffer = buffers.get(providerId)!;
    buffer.push(item);
    if (buffer.length < set.batchSize) return undefined;
    buffers.set(providerId, []);
    return { providerId, items: buffer };
  };

  for (let c = 0; emitted < set.events; c++) {
    // Follow-ups falling due now go first, in the order they were planned.
    while (pending.length > 0 && (pending[0].due <= c || emitted + pending.length >= set.events)) {
      const next = pending.shift()!;
      const batch = push(next.providerId, next.item);
      if (batch) yield batch;
      if (emitted >= set.events) break;
    }
    if (emitted >= set.events) break;
    const learner = learnerOf(set, random.int(0, set.learners - 1));
    const abroad = random.chance(0.12);
    const jurisdiction = abroad ? random.pick(JURISDICTIONS).code : learner.home;
    const provider = random.pick(byJurisdiction.get(jurisdiction)!);
    const achievement = random.pick(achievementsOf.get(provider.providerId)!);
    const issued = issueItem(random, tag, c, expectedCredentials, provider, achievement, learner);
    const batch = push(provider.providerId, issued);
    if (batch) yield batch;
    for (const [delay, item] of followUps(random, tag, c, issued)) insertByDue(pending, { due: c + delay, seq: seq++, providerId: provider.providerId, item });
  }
  for (const p of set.providers) {
    const rest = buffers.get(p.providerId)!;
    if (rest.length > 0) yield { providerId: p.providerId, items: rest };
  }
}

const seedTag = (seed: string) => createHash('sha256').update(seed).digest('hex').slice(0, 6);

/** Keeps `pending` ordered by due, then by planning order, without sorting it all again. */
function insertByDue(pending: Pending[], p: Pending): void {
  let lo = 0;
  let hi = pending.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pending[mid].due <= p.due) lo = mid + 1;
    else hi = mid;
  }
  pending.splice(lo, 0, p);
}

function issueItem(random: SeededRandom, tag: string, c: number, expected: number, provider: GeneratedProvider, achievement: GeneratedAchievement, learner: ReturnType<typeof learnerOf>): GeneratedItem {
  const t = FIRST_ISSUE + ((LAST_ISSUE - FIRST_ISSUE) * Math.min(1, c / expected)) + random.int(0, 6) * 3_600_000;
  const issuedAt = `${new Date(t - (t % 3_600_000)).toISOString().slice(0, 19)}Z`;
  const scheme = JURISDICTIONS.find((j) => j.code === provider.jurisdiction)!.scheme;
  const identifiers = learner.identifiers.filter((i) => i.scheme === scheme || (i.scheme === 'EMAIL' && random.chance(0.5)));
  if (identifiers.length === 0) identifiers.push(learner.identifiers.find((i) => i.scheme === 'EMAIL')!);
  const validity = random.weighted([[3, 5], [1, 2], [0, 3]] as const);
  const data: Record<string, unknown> = {
    credentialRef: `MC-${issuedAt.slice(0, 4)}-${tag}-${String(c).padStart(7, '0')}`,
    achievementId: achievement.achievementId,
    holder: { identifiers, name: learner.name, birthDate: learner.birthDate },
    issuedAt,
    ...(validity > 0 ? { validUntil: addDays(issuedAt, validity * 365) } : {}),
    ...(random.chance(0.7) ? { grade: random.pick(GRADES) } : {}),
  };
  return { sourceEventId: `${tag}-${c}-issued`, type: 'CredentialIssued', occurredAt: issuedAt, data };
}

/** Later events of one credential, each with its delay in credentials issued since. */
function followUps(random: SeededRandom, tag: string, c: number, issued: GeneratedItem): [number, GeneratedItem][] {
  const credentialRef = issued.data.credentialRef as string;
  const out: [number, GeneratedItem][] = [];
  let at = issued.occurredAt;
  let delay = 0;
  const later = (type: GeneratedItem['type'], data: Record<string, unknown>) => {
    delay += random.int(20, 3000);
    const next = addDays(at, random.int(1, 20));
    at = next < LAST_EVENT ? next : LAST_EVENT;
    out.push([delay, { sourceEventId: `${tag}-${c}-${type.slice(10).toLowerCase()}-${out.length}`, type, occurredAt: at, data: { credentialRef, ...data } }]);
  };
  if (random.chance(0.04)) later('CredentialAmended', { changes: { grade: random.pick(GRADES) }, reason: 'grade corrected after moderation' });
  if (random.chance(0.03)) {
    later('CredentialSuspended', { reason: random.pick(SUSPENSIONS) });
    if (random.chance(0.6)) later('CredentialReinstated', { reason: 'review closed without finding' });
  }
  if (random.chance(0.02)) later('CredentialRevoked', { reason: random.pick(REVOCATIONS) });
  return out;
}
