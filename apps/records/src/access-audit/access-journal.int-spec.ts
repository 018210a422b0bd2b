import { EventTypes, Streams } from '@app/contracts';
import { EventStore, openEventStore } from '@app/event-store';
import { AccessEntry, AccessJournal, appendRequests, MAX_PENDING } from './access-journal';

const learnerA = '11111111-1111-4111-8111-111111111111';
const learnerB = '22222222-2222-4222-8222-222222222222';
const entry = (learnerId: string, over: Partial<AccessEntry> = {}): AccessEntry => ({
  learnerId, read: 'record', purpose: 'audit', accessedAt: '2026-11-29T10:00:00.000Z', actor: { role: 'regulator', id: 'k-reg' }, correlationId: 'c-1', ...over,
});

describe('AccessJournal', () => {
  let store: EventStore;
  let journal: AccessJournal;

  beforeEach(async () => {
    store = await openEventStore('sqlite::memory:');
    journal = new AccessJournal(store);
  });
  afterEach(() => store.close());

  it('groups a buffer into one append request per learner stream, in the order of the reads', () => {
    const requests = appendRequests([entry(learnerA), entry(learnerB), entry(learnerA, { read: 'stacks' })], '2026-11-29T10:00:00.100Z');
    expect(requests.map((r) => [r.request.streamId, r.request.events.map((e) => e.data.read)])).toEqual([
      [Streams.access(learnerA), ['record', 'stacks']],
      [Streams.access(learnerB), ['record']],
    ]);
    const [first] = requests[0].request.events;
    expect(first.metadata).toMatchObject({ actor: { role: 'regulator', id: 'k-reg' }, occurredAt: '2026-11-29T10:00:00.000Z', recordedAt: '2026-11-29T10:00:00.100Z' });
    expect(first.data).not.toHaveProperty('actor');
  });

  it('writes nothing until flushed, then every entry as LearnerRecordAccessed on the learner stream', async () => {
    journal.record([entry(learnerA), entry(learnerB, { read: 'lookup', schemes: ['NZ-NSN'] })]);
    expect(await store.headPosition()).toBe(0);
    await journal.flush();
    const a = await store.readStream(Streams.access(learnerA));
    const b = await store.readStream(Streams.access(learnerB));
    expect(a.map((e) => e.type)).toEqual([EventTypes.LearnerRecordAccessed]);
    expect(b[0].data).toEqual({ learnerId: learnerB, read: 'lookup', purpose: 'audit', accessedAt: '2026-11-29T10:00:00.000Z', schemes: ['NZ-NSN'] });
    expect(journal.pendingCount).toBe(0);
  });

  it('flushes what is buffered on shutdown', async () => {
    journal.onModuleInit();
    journal.record([entry(learnerA)]);
    await journal.beforeApplicationShutdown();
    expect(await store.readStream(Streams.access(learnerA))).toHaveLength(1);
  });

  it('keeps the entries when the store fails, and refuses reads once too many wait', async () => {
    await store.close();
    journal.record(Array.from({ length: MAX_PENDING }, () => entry(learnerA)));
    await journal.flush();
    expect(journal.pendingCount).toBe(MAX_PENDING);
    expect(() => journal.assertAccepting()).toThrow(expect.objectContaining({ code: 'ACCESS_AUDIT.UNAVAILABLE', retriable: true }));
    store = await openEventStore('sqlite::memory:');
  });
});
