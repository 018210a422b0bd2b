import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Principal } from '@app/auth';
import { EvidenceCipher, EvidenceStore, KeyVault, openEvidenceStore, openKeyVault, PersonalDataCipher } from '@app/personal-data';
import { EvidenceRecorder } from '../evidence/evidence-recorder';
import { AnyEvent, credentialIdFor, EventTypes, ItemOutcome, RequestContext, Streams } from '@app/contracts';
import { AppendRequest, EventStore, openEventStore } from '@app/event-store';
import { LedgerMetrics, loadEnv } from '@app/platform';
import { testEvent } from '@app/testing';
import { BulkActionCommand } from './bulk/bulk-action.command';
import { BulkActionHandler } from './bulk/bulk-action.handler';
import { BulkRequest } from './bulk/bulk-identity';
import { HolderDigests } from './holder-digests';
import { IngestService } from './ingest.service';
import { SourceIdReusedError } from './item-identity';

const providerId = 'uni-int';
const achievementId = '5f0c6f5e-8a54-4c1b-9d1e-2b7f0a3c4d5e';
const provider = { registered: { providerId, name: 'Int', jurisdiction: 'NZ', kind: 'university' } } as Parameters<IngestService['ingest']>[0];
const admin: Principal = { keyId: 'k', role: 'admin', scope: {} };
const ctx = (): RequestContext => ({ actor: { role: 'provider', id: 'k' }, channel: 'http', correlationId: 'c', now: new Date().toISOString() });

const issue = (sourceEventId: string, credentialRef: string, identifier = '123456789') => ({
  sourceEventId, type: 'CredentialIssued',
  data: { credentialRef, achievementId, holder: { identifiers: [{ scheme: 'NZ-NSN', value: identifier }] }, issuedAt: '2026-03-01T00:00:00Z' },
});
const revoke = (sourceEventId: string, credentialRef: string, reason = 'issued in error') => ({ sourceEventId, type: 'CredentialRevoked', data: { credentialRef, reason } });
const suspend = (sourceEventId: string, credentialRef: string, reason = 'investigation') => ({ sourceEventId, type: 'CredentialSuspended', data: { credentialRef, reason } });

/** The store as a racing writer leaves it: `before` runs once, after the batch has read its streams and before it appends. */
function withRacingWriter(store: EventStore, before: () => Promise<unknown>): EventStore {
  let fired = false;
  return new Proxy(store, {
    get(target, prop) {
      if (prop === 'appendMany') {
        return async (requests: Parameters<EventStore['appendMany']>[0]) => {
          if (!fired) {
            fired = true;
            await before();
          }
          return target.appendMany(requests);
        };
      }
      const value = Reflect.get(target, prop) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe('IngestService on the sqlite event store', () => {
  let dir: string;
  let store: EventStore;
  /** Seeds fixtures that carry only the fields the service reads. */
  const seed = (request: AppendRequest<AnyEvent>) => {
    const raw: EventStore<AnyEvent> = store;
    return raw.append(request);
  };
  let vault: KeyVault;
  let evidence: EvidenceStore;
  let holders: HolderDigests;
  let personal: PersonalDataCipher;
  const metrics = new LedgerMetrics('ingest-int');
  const service = (events: EventStore = store) => new IngestService(events, holders, personal, metrics);
  const ingest = (items: unknown[], events?: EventStore) => service(events).ingest(provider, items, ctx());
  const head = () => store.headPosition();
  const codes = (o: ItemOutcome) => (o.outcome === 'rejected' ? o.errors.map((e) => [e.code, e.field]) : o.outcome);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-ingest-int-'));
    store = await openEventStore(`sqlite:${join(dir, 'events.db')}`);
    const env = loadEnv({ DATA_DIR: dir, LEDGER_PEPPER: 'ab'.repeat(32) });
    holders = new HolderDigests(env);
    vault = await openKeyVault(env.vault, dir);
    personal = new PersonalDataCipher(vault);
    evidence = await openEvidenceStore(`sqlite:${join(dir, 'evidence.db')}`);
    await seed({
      streamId: Streams.provider(providerId),
      expectedRevision: 'no-stream',
      events: [testEvent(EventTypes.ProviderRegistered, { ...provider.registered })],
    });
    await seed({
      streamId: Streams.achievement(achievementId),
      expectedRevision: 'no-stream',
      events: [testEvent(EventTypes.AchievementDefined, { achievementId, providerId, title: 'Int' })],
    });
  });

  afterAll(async () => {
    await store?.close();
    await vault?.close();
    await evidence?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('when the exact request is sent again', () => {
    it('answers duplicate and writes nothing', async () => {
      expect((await ingest([issue('e-1', 'C-1'), revoke('e-2', 'C-1')])).map(codes)).toEqual(['accepted', 'accepted']);
      const before = await head();
      expect((await ingest([issue('e-1', 'C-1'), revoke('e-2', 'C-1')])).map(codes)).toEqual(['duplicate', 'duplicate']);
      expect(await head()).toBe(before);
    });
  });

  describe('when a sourceEventId is reused for another request', () => {
    it('refuses another type under the id of an earlier event, naming the field, and writes nothing', async () => {
      await ingest([issue('r-1', 'C-2')]);
      const before = await head();
      const [outcome] = await ingest([revoke('r-1', 'C-2')]);
      expect(codes(outcome)).toEqual([['EVENT.SOURCE_ID_REUSED', 'items[0].sourceEventId']]);
      expect(await head()).toBe(before);
    });

    it('refuses the same type with another body', async () => {
      await ingest([suspend('r-2', 'C-2')]);
      expect((await ingest([suspend('r-2', 'C-2', 'another reason')])).map(codes)).toEqual([[['EVENT.SOURCE_ID_REUSED', 'items[0].sourceEventId']]]);
      expect((await ingest([issue('r-1', 'C-2', '987654321')])).map(codes)).toEqual([[['EVENT.SOURCE_ID_REUSED', 'items[0].sourceEventId']]]);
    });

    it('refuses the id on another credential', async () => {
      await ingest([issue('r-3', 'C-3')]);
      const [outcome] = await ingest([issue('r-4', 'C-4'), issue('r-3', 'C-5')]).then((o) => o.slice(1));
      expect(codes(outcome)).toEqual([['EVENT.SOURCE_ID_REUSED', 'items[1].sourceEventId']]);
    });

    it('refuses the second of two items of one batch sharing an id, and keeps the first', async () => {
      const outcomes = await ingest([issue('r-5', 'C-6'), revoke('r-5', 'C-6')]);
      expect(outcomes.map(codes)).toEqual(['accepted', [['EVENT.SOURCE_ID_REUSED', 'items[1].sourceEventId']]]);
    });

    it('refuses it when a concurrent writer stored the other request between read and append', async () => {
      await ingest([issue('r-6', 'C-7')]);
      const racing = withRacingWriter(store, () => ingest([suspend('r-7', 'C-7', 'first')]));
      expect((await ingest([suspend('r-7', 'C-7', 'second')], racing)).map(codes)).toEqual([[['EVENT.SOURCE_ID_REUSED', 'items[0].sourceEventId']]]);
      const same = withRacingWriter(store, () => ingest([revoke('r-8', 'C-7')]));
      expect((await ingest([revoke('r-8', 'C-7')], same)).map(codes)).toEqual(['duplicate']);
    });
  });

  describe('when an issue carrying the holder\'s name is refused', () => {
    const named = (sourceEventId: string, credentialRef: string, identifier: string, forAchievement = achievementId) => {
      const item = issue(sourceEventId, credentialRef, identifier);
      return { ...item, data: { ...item.data, achievementId: forAchievement, holder: { ...item.data.holder, name: 'Aroha Ngata' } } };
    };
    const learnerKey = (identifier: string) => vault.get(PersonalDataCipher.keyIdFor(holders.digest('NZ-NSN', identifier)));

    it('creates no key for the learner in the vault', async () => {
      const [outcome] = await ingest([named('v-1', 'V-1', '555000111', '00000000-0000-4000-8000-000000000000')]);
      expect(codes(outcome)).toEqual([['ACHIEVEMENT.NOT_FOUND', undefined]]);
      expect(await learnerKey('555000111')).toBeUndefined();
    });

    it('creates the key once the credential is accepted, and seals the name under it', async () => {
      expect((await ingest([named('v-2', 'V-2', '555000222')])).map(codes)).toEqual(['accepted']);
      expect(await learnerKey('555000222')).toBeInstanceOf(Buffer);
      const [stored] = await store.readStream(Streams.credential(credentialIdFor(providerId, 'V-2')));
      expect(stored.data).toMatchObject({ holder: { personal: { keyId: PersonalDataCipher.keyIdFor(holders.digest('NZ-NSN', '555000222')), alg: 'A256GCM' } } });
    });
  });

  describe('when a bulk action is sent', () => {
    const bulk = (request: BulkRequest) => new BulkActionHandler(store, service(), holders, new EvidenceRecorder(evidence, new EvidenceCipher(vault))).execute(new BulkActionCommand(providerId, request, admin, ctx()));
    const outcomesOf = async (request: BulkRequest) => (await bulk(request)).results.map(codes);

    beforeAll(async () => {
      await ingest([issue('b-1', 'B-1'), issue('b-2', 'B-2'), issue('b-3', 'B-3'), issue('b-4', 'B-4')]);
    });

    it('cannot be pre-empted by a provider event carrying the old bulk id', async () => {
      expect((await ingest([suspend('bulk:rq-1:B-1', 'B-1')])).map(codes)).toEqual(['accepted']);
      expect(await outcomesOf({ requestId: 'rq-1', action: 'revoke', reason: 'recall', credentialRefs: ['B-1', 'B-2'] })).toEqual(['accepted', 'accepted']);
    });

    it('answers the same request again as duplicates, whatever the order of its refs, and writes nothing', async () => {
      const before = await head();
      expect(await outcomesOf({ requestId: 'rq-1', action: 'revoke', reason: 'recall', credentialRefs: ['B-2', 'B-1'] })).toEqual(['duplicate', 'duplicate']);
      expect(await head()).toBe(before);
    });

    it('refuses the requestId reused with another action, reason or list, even one sharing no credential, before writing anything', async () => {
      const before = await head();
      const reuses: BulkRequest[] = [
        { requestId: 'rq-1', action: 'suspend', reason: 'recall', credentialRefs: ['B-1', 'B-2'] },
        { requestId: 'rq-1', action: 'revoke', reason: 'another', credentialRefs: ['B-1', 'B-2'] },
        { requestId: 'rq-1', action: 'revoke', reason: 'recall', credentialRefs: ['B-1'] },
        { requestId: 'rq-1', action: 'revoke', reason: 'recall', credentialRefs: ['B-3', 'B-4'] },
      ];
      for (const reuse of reuses) {
        const error = await bulk(reuse).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(SourceIdReusedError);
        expect(error).toMatchObject({ code: 'EVENT.SOURCE_ID_REUSED', details: { errors: [{ field: 'requestId' }] } });
      }
      expect(await head()).toBe(before);
    });

    it('keeps the requestIds of different providers apart', async () => {
      await seed({ streamId: Streams.provider('uni-other'), expectedRevision: 'no-stream', events: [testEvent(EventTypes.ProviderRegistered, { providerId: 'uni-other', jurisdiction: 'NZ' })] });
      const other = new BulkActionHandler(store, service(), holders, new EvidenceRecorder(evidence, new EvidenceCipher(vault))).execute(new BulkActionCommand('uni-other', { requestId: 'rq-1', action: 'suspend', reason: 'x', credentialRefs: ['B-3'] }, admin, ctx()));
      expect((await other).results.map(codes)).toEqual([[['CREDENTIAL.NOT_ISSUED', undefined]]]);
    });
  });
});
