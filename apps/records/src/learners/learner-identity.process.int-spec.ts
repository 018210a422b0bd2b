import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CredentialIssued, RecordedEvent, Streams } from '@app/contracts';
import { EventStore, openEventStore } from '@app/event-store';
import { appended } from '@app/testing';
import { LearnerIdentityProcess } from './learner-identity.process';

const digest = (c: string) => ({ scheme: 'NZ-NSN', digest: c.repeat(64) });
const issued = (n: number, digests: ReturnType<typeof digest>[]): CredentialIssued => ({
  credentialId: `${n}a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d`, credentialRef: `C-${n}`, providerId: 'uni-a', achievementId: '6d0f1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b',
  holder: { identifierDigests: digests }, issuedAt: '2026-03-01T00:00:00Z',
});

describe('LearnerIdentityProcess', () => {
  let dir: string;
  let store: EventStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'learner-identity-'));
    store = await openEventStore(`sqlite:${join(dir, 'events.db')}`);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Credentials 1 (a new learner) and 2 (a conflict-free join of the same learner) and 3 (a conflict: digests of two learners), resolved once: the log a rebuild replays. */
  async function resolvedLog(): Promise<RecordedEvent[]> {
    for (const c of [issued(1, [digest('1')]), issued(2, [digest('1')]), issued(4, [digest('4')]), issued(3, [digest('1'), digest('4')])]) {
      await store.append(appended(Streams.credential(c.credentialId), { type: 'CredentialIssued', data: c }, '2026-03-01T00:00:00.000Z'));
    }
    const credentials = await store.readAll();
    await new LearnerIdentityProcess(store).applyBatch(undefined, credentials);
    return store.readAll();
  }

  describe('when a batch holds credentials together with the events that closed their resolution (a rebuild)', () => {
    it('resolves none of them again: no read of the claim streams, no append', async () => {
      const log = await resolvedLog();
      expect(log.map((e) => e.type)).toEqual(expect.arrayContaining(['LearnerCredentialLinked', 'LearnerIdentityConflict']));
      const [readStreams, appendAll, appendMany] = (['readStreams', 'appendAll', 'appendMany'] as const).map((m) => jest.spyOn(store, m));
      await new LearnerIdentityProcess(store).applyBatch(undefined, log);
      expect([readStreams, appendAll, appendMany].map((s) => s.mock.calls.length)).toEqual([0, 0, 0]);
      expect(await store.headPosition()).toBe(log.at(-1)!.position);
    });
  });

  /** The store as an engine without an index of event ids sees it (EventStoreDB): knownEventIds absent. */
  const withoutIdIndex = (): EventStore => Object.assign(Object.create(store) as EventStore, { knownEventIds: undefined });

  describe('when the closing events lie further on in the log, on an engine that indexes event ids', () => {
    it('resolves none of them again, and still resolves a credential the log has not resolved', async () => {
      const log = await resolvedLog();
      const credentials = log.filter((e) => e.type === 'CredentialIssued');
      const [readStreams, appendAll, appendMany] = (['readStreams', 'appendAll', 'appendMany'] as const).map((m) => jest.spyOn(store, m));
      await new LearnerIdentityProcess(store).applyBatch(undefined, credentials);
      expect([readStreams, appendAll, appendMany].map((s) => s.mock.calls.length)).toEqual([0, 0, 0]);
      expect(await store.headPosition()).toBe(log.at(-1)!.position);

      // A new credential among them: it alone is resolved.
      await store.append(appended(Streams.credential(issued(5, []).credentialId), { type: 'CredentialIssued', data: issued(5, [digest('5')]) }, '2026-03-01T00:00:00.000Z'));
      const fresh = (await store.readAll({ after: log.at(-1)!.position }))[0];
      await new LearnerIdentityProcess(store).applyBatch(undefined, [...credentials, fresh]);
      expect(appendAll).toHaveBeenCalledTimes(1);
      expect(new Set(appendAll.mock.calls[0][0].map((r) => r.events[0].metadata.causationId))).toEqual(new Set([fresh.metadata.eventId]));
      expect((await store.readAll({ after: fresh.position })).map((e) => e.type)).toEqual(expect.arrayContaining(['LearnerRecordOpened', 'LearnerCredentialLinked']));
    });
  });

  describe('when the closing events fall in a later batch than their credentials, on an engine without an index of event ids', () => {
    it('resolves the credentials as before and writes nothing twice', async () => {
      const log = await resolvedLog();
      const credentials = log.filter((e) => e.type === 'CredentialIssued');
      const appendAll = jest.spyOn(store, 'appendAll');
      await new LearnerIdentityProcess(withoutIdIndex()).applyBatch(undefined, credentials);
      expect(appendAll).toHaveBeenCalledTimes(1);
      expect(await store.headPosition()).toBe(log.at(-1)!.position);
    });
  });

  describe('when only some credentials of a batch have their closing event in it, on an engine without an index of event ids', () => {
    it('resolves the others, with the same log as resolving all of them', async () => {
      const log = await resolvedLog();
      const firstClosing = log.findIndex((e) => e.type === 'LearnerCredentialLinked');
      const appendAll = jest.spyOn(store, 'appendAll');
      await new LearnerIdentityProcess(withoutIdIndex()).applyBatch(undefined, log.slice(0, firstClosing + 1));
      const written = appendAll.mock.calls[0][0].map((r) => r.events[0].metadata.causationId);
      const credentialIds = log.filter((e) => e.type === 'CredentialIssued').map((e) => e.metadata.eventId);
      expect(new Set(written)).toEqual(new Set(credentialIds.slice(1)));
      expect(await store.headPosition()).toBe(log.at(-1)!.position);
    });
  });
});
