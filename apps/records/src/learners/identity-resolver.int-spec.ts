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

describe('IdentityResolver, a whole batch at once (resolveBatch)', () => {
  const stores: { dir: string; store: EventStore }[] = [];
  async function freshStore(): Promise<EventStore> {
    const dir = mkdtempSync(join(tmpdir(), 'identity-batch-'));
    const store = await openEventStore(`sqlite:${join(dir, 'events.db')}`);
    stores.push({ dir, store });
    return store;
  }
  afterEach(async () => {
    for (const { dir, store } of stores.splice(0)) {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const digest = (scheme: string, c: string) => ({ scheme, digest: c.repeat(64) });
  const [n1, n2, n3, e1, e2, e3] = [digest('NZ-NSN', '1'), digest('NZ-NSN', '2'), digest('NZ-NSN', '3'), digest('EMAIL', 'a'), digest('EMAIL', 'b'), digest('EMAIL', 'c')];
  /** Shared identifiers inside the batch, a learner joined by a later credential, a conflict, and a credential with no identifier. */
  const scenario = (): CredentialIssued[] => [
    issued(1, 'uni-a', [n1]),
    issued(2, 'poly-b', [n1, e1]),
    issued(3, 'uni-c', [e2]),
    issued(4, 'uni-a', [e1, e2]),
    issued(5, 'uni-d', [n2, e3]),
    issued(6, 'uni-d', [e3, n3]),
    issued(7, 'uni-e', []),
    issued(8, 'uni-e', [n3, n1]),
  ];

  /** The same CredentialIssued events (same ids) in a fresh store. */
  async function storeWith(credentials: RecordedEvent<EventOf<'CredentialIssued'>>[]): Promise<EventStore> {
    const store = await freshStore();
    for (const c of credentials) await store.append({ streamId: c.streamId, expectedRevision: 'any', events: [{ type: c.type, data: c.data, metadata: c.metadata }] });
    return store;
  }
  const learnerLog = async (store: EventStore) => (await store.readAll({ maxCount: 10_000 }))
    .filter((e) => e.type !== 'CredentialIssued')
    .map((e) => ({ streamId: e.streamId, revision: e.revision, type: e.type, data: e.data, eventId: e.metadata.eventId }));

  async function perEvent(credentials: RecordedEvent<EventOf<'CredentialIssued'>>[]) {
    const store = await storeWith(credentials);
    const resolver = new IdentityResolver(store);
    const resolutions = [];
    for (const c of credentials) resolutions.push(await resolver.resolveIssued(c, ctx));
    return { store, resolutions, log: await learnerLog(store) };
  }

  async function credentials(list: CredentialIssued[]) {
    const store = await freshStore();
    for (const c of list) await store.append(appended(Streams.credential(c.credentialId), { type: 'CredentialIssued', data: c }, '2026-03-01T00:00:00.000Z'));
    return (await store.readAll()).filter((e): e is RecordedEvent<EventOf<'CredentialIssued'>> => e.type === 'CredentialIssued');
  }

  it('writes exactly what resolving each credential in turn writes: shared identifiers, joins and conflicts inside one batch', async () => {
    const issuedEvents = await credentials(scenario());
    const expected = await perEvent(issuedEvents);
    expect(expected.resolutions.map((r) => r.kind)).toEqual(['link', 'link', 'link', 'conflict', 'link', 'link', 'none', 'conflict']);

    const store = await storeWith(issuedEvents);
    const resolver = new IdentityResolver(store);
    const oneByOne = jest.spyOn(resolver, 'resolveIssued');
    const [appendAll, appendMany, append, readStreams] = (['appendAll', 'appendMany', 'append', 'readStreams'] as const).map((m) => jest.spyOn(store, m));
    const resolutions = await resolver.resolveBatch(issuedEvents, () => ctx);
    expect(resolutions).toEqual(expected.resolutions);
    expect(await learnerLog(store)).toEqual(expected.log);
    // One read and one write for the whole batch, never the one-by-one fallback.
    expect([readStreams, appendAll, appendMany, append, oneByOne].map((s) => s.mock.calls.length)).toEqual([1, 1, 0, 0, 0]);
  });

  it('on an engine without appendAll, writes the claims, then the learner events, with the same result', async () => {
    const issuedEvents = await credentials(scenario());
    const expected = await perEvent(issuedEvents);
    const store = await storeWith(issuedEvents);
    const withoutAppendAll = Object.create(store, { appendAll: { value: undefined } }) as EventStore;
    const appendMany = jest.spyOn(store, 'appendMany');
    expect(await new IdentityResolver(withoutAppendAll).resolveBatch(issuedEvents, () => ctx)).toEqual(expected.resolutions);
    // Only the interleaving across streams differs: every stream holds the same events at the same revisions.
    const byStream = (log: Awaited<ReturnType<typeof learnerLog>>) => [...log].sort((a, b) => (a.streamId === b.streamId ? a.revision - b.revision : a.streamId < b.streamId ? -1 : 1));
    expect(byStream(await learnerLog(store))).toEqual(byStream(expected.log));
    expect(appendMany).toHaveBeenCalledTimes(2);
  });

  it('continues from what earlier batches wrote, as resolving one by one does', async () => {
    const issuedEvents = await credentials(scenario());
    const expected = await perEvent(issuedEvents);
    const store = await storeWith(issuedEvents);
    const resolver = new IdentityResolver(store);
    await resolver.resolveBatch(issuedEvents.slice(0, 3), () => ctx);
    await resolver.resolveBatch(issuedEvents.slice(3), () => ctx);
    expect(await learnerLog(store)).toEqual(expected.log);
  });

  it('writes nothing twice when a batch is replayed, whether it was written at once or one by one', async () => {
    const issuedEvents = await credentials(scenario());
    const { store, log } = await perEvent(issuedEvents);
    const resolver = new IdentityResolver(store);
    const head = await store.headPosition();
    await resolver.resolveBatch(issuedEvents, () => ctx);
    await resolver.resolveBatch(issuedEvents.slice(2), () => ctx);
    expect(await store.headPosition()).toBe(head);
    expect(await learnerLog(store)).toEqual(log);

    const batched = await storeWith(issuedEvents);
    await new IdentityResolver(batched).resolveBatch(issuedEvents, () => ctx);
    const batchedHead = await batched.headPosition();
    await new IdentityResolver(batched).resolveBatch(issuedEvents, () => ctx);
    for (const c of issuedEvents) await new IdentityResolver(batched).resolveIssued(c, ctx);
    expect(await batched.headPosition()).toBe(batchedHead);
  });

  it('writes nothing of the batch when a racing writer took a claim, then resolves each credential on its own', async () => {
    const [racer, ...issuedEvents] = await credentials([issued(9, 'uni-z', [n1]), ...scenario()]);
    // What it must come to: the racer's claim first, then the batch one by one.
    const expected = await perEvent([racer, ...issuedEvents]);

    const store = await storeWith([racer, ...issuedEvents]);
    let raced = false;
    // The racer claims n1 between the batch's read of the claim streams and its write.
    const racing = Object.create(store, {
      readStreams: {
        value: async (ids: string[]) => {
          const read = await store.readStreams(ids);
          if (!raced) {
            raced = true;
            await new IdentityResolver(store).resolveIssued(racer, ctx);
          }
          return read;
        },
      },
    }) as EventStore;
    const appendAll = jest.spyOn(store, 'appendAll');
    const resolutions = await new IdentityResolver(racing).resolveBatch(issuedEvents, () => ctx);
    expect(appendAll).toHaveBeenCalledTimes(1);
    await expect(appendAll.mock.results[0].value).rejects.toMatchObject({ code: 'STREAM.WRONG_EXPECTED_REVISION' });
    expect(resolutions).toEqual(expected.resolutions.slice(1));
    expect(await learnerLog(store)).toEqual(expected.log);
  });
});
