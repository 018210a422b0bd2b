import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CredentialIssued, EventOf, RecordedEvent, RequestContext, Streams } from '@app/contracts';
import { EventStore, openEventStore } from '@app/event-store';
import { appended } from '@app/testing';
import { IdentityResolver } from './identity-resolver';

const nsn = { scheme: 'NZ-NSN', digest: 'c'.repeat(64) };
const email = { scheme: 'EMAIL', digest: 'd'.repeat(64) };
const ctx: RequestContext = { actor: { role: 'system', id: 'test' }, channel: 'internal', correlationId: 'c', now: '2026-03-01T00:00:00.000Z' };
const issued = (n: number, providerId: string, digests: (typeof nsn)[]): CredentialIssued => ({
  credentialId: `${n}a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d`, credentialRef: `C-${n}`, providerId, achievementId: '6d0f1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b',
  holder: { identifierDigests: digests }, issuedAt: '2026-03-01T00:00:00Z',
});

describe('IdentityResolver on SQLite', () => {
  let dir: string;
  let store: EventStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'identity-'));
    store = await openEventStore(`sqlite:${join(dir, 'events.db')}`);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function issue(...credentials: CredentialIssued[]): Promise<RecordedEvent<EventOf<'CredentialIssued'>>[]> {
    for (const c of credentials) await store.append(appended(Streams.credential(c.credentialId), { type: 'CredentialIssued', data: c }, '2026-03-01T00:00:00.000Z'));
    return (await store.readAll()).filter((e): e is RecordedEvent<EventOf<'CredentialIssued'>> => e.type === 'CredentialIssued');
  }

  it('two credentials racing for the same new identifier open exactly one learner record, holding both', async () => {
    const [a, b] = await issue(issued(1, 'uni-a', [nsn]), issued(2, 'poly-b', [nsn, email]));
    const resolver = new IdentityResolver(store);
    const [ra, rb] = await Promise.all([resolver.resolveIssued(a, ctx), resolver.resolveIssued(b, ctx)]);

    const log = await store.readAll();
    const opened = log.filter((e) => e.type === 'LearnerRecordOpened');
    expect(opened).toHaveLength(1);
    const learnerId = (opened[0] as RecordedEvent<EventOf<'LearnerRecordOpened'>>).data.learnerId;
    expect([ra, rb]).toEqual([expect.objectContaining({ kind: 'link', learnerId }), expect.objectContaining({ kind: 'link', learnerId })]);
    const linked = log.filter((e): e is RecordedEvent<EventOf<'LearnerCredentialLinked'>> => e.type === 'LearnerCredentialLinked');
    expect(linked.map((e) => [e.data.learnerId, e.data.credentialId]).sort()).toEqual([[learnerId, a.data.credentialId], [learnerId, b.data.credentialId]].sort());
    const claims = log.filter((e): e is RecordedEvent<EventOf<'LearnerIdentifierLinked'>> => e.type === 'LearnerIdentifierLinked');
    // Each digest ends claimed by that learner (a claim lost in the race passes on, in the history).
    const holder = new Map(claims.map((e) => [e.streamId, e.data.learnerId]));
    expect([...holder].sort()).toEqual([[Streams.identityClaim('EMAIL', email.digest), learnerId], [Streams.identityClaim('NZ-NSN', nsn.digest), learnerId]]);
  });

  it('a replay writes nothing new', async () => {
    const [a] = await issue(issued(1, 'uni-a', [nsn, email]));
    const resolver = new IdentityResolver(store);
    await resolver.resolveIssued(a, ctx);
    const head = await store.headPosition();
    await resolver.resolveIssued(a, ctx);
    expect(await store.headPosition()).toBe(head);
  });

  it('digests of two different learners link to neither and record the conflict', async () => {
    const [a, b, c] = await issue(issued(1, 'uni-a', [nsn]), issued(2, 'poly-b', [email]), issued(3, 'uni-c', [nsn, email]));
    const resolver = new IdentityResolver(store);
    const la = await resolver.resolveIssued(a, ctx);
    const lb = await resolver.resolveIssued(b, ctx);
    expect(await resolver.resolveIssued(c, ctx)).toEqual({ kind: 'conflict', learnerIds: [la, lb].map((r) => (r.kind === 'link' ? r.learnerId : '')).sort() });
    const log = await store.readAll();
    expect(log.filter((e) => e.type === 'LearnerCredentialLinked').map((e) => (e.data as { credentialId: string }).credentialId)).not.toContain(c.data.credentialId);
    expect(log.filter((e) => e.type === 'LearnerIdentityConflict').map((e) => e.streamId)).toEqual([Streams.identityConflict(c.data.credentialId)]);
  });
});
