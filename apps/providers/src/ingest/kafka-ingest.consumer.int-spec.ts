import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandBus } from '@nestjs/cqrs';
import { ApiKeyService } from '@app/auth';
import { EvidenceCipher, EvidenceStore, KeyVault, openEvidenceStore, openKeyVault, PersonalDataCipher } from '@app/personal-data';
import { EvidenceRecorder } from '../evidence/evidence-recorder';
import { AnyEvent, EventTypes, Streams, Topics } from '@app/contracts';
import { EventStore, openEventStore } from '@app/event-store';
import { BusMessage, ConsumedMessage, MessageBus, openMessageBus } from '@app/messaging';
import { LedgerMetrics, loadEnv } from '@app/platform';
import { testEvent } from '@app/testing';
import { HolderDigests } from './holder-digests';
import { IngestBatchCommand } from './ingest-batch/ingest-batch.command';
import { IngestBatchHandler } from './ingest-batch/ingest-batch.handler';
import { IngestService } from './ingest.service';
import { KafkaIngestConsumer, KafkaOutcome } from './kafka-ingest.consumer';
import { SIGNATURE_HEADER, SIGNATURE_KEY_HEADER } from '../signed-requests';
import { ed25519KeyPair, signBody } from '@app/testing';

const providerId = 'uni-kafka';
const achievementId = '7a0c6f5e-8a54-4c1b-9d1e-2b7f0a3c4d5e';

/** The real in-process bus, keeping what is published so the outcomes can be read back. */
function recording(bus: MessageBus, published: { topic: string; messages: BusMessage[] }[]): MessageBus {
  return new Proxy(bus, {
    get(target, prop) {
      if (prop === 'publish') {
        return async (topic: string, messages: BusMessage[]) => {
          published.push({ topic, messages });
          await target.publish(topic, messages);
        };
      }
      const value = Reflect.get(target, prop) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe('KafkaIngestConsumer through IngestBatchCommand', () => {
  let dir: string;
  let store: EventStore;
  let vault: KeyVault;
  let evidence: EvidenceStore;
  let bus: MessageBus;
  const published: { topic: string; messages: BusMessage[] }[] = [];
  let consumer: KafkaIngestConsumer;
  let ownKey: string;
  let otherKey: string;
  let adminKey: string;
  let offset = 0;

  const message = (value: object, headers: Record<string, string>): ConsumedMessage => ({
    topic: Topics.providerEvents, partition: 0, offset: String(offset++), key: 'k', value: JSON.stringify(value), headers,
  });
  const issue = (sourceEventId: string, credentialRef: string, forProvider = providerId) => ({
    providerId: forProvider, sourceEventId, type: 'CredentialIssued',
    data: { credentialRef, achievementId, holder: { identifiers: [{ scheme: 'NZ-NSN', value: '123456789' }] }, issuedAt: '2026-03-01T00:00:00Z' },
  });
  const outcomesOf = async (messages: ConsumedMessage[]): Promise<KafkaOutcome[]> => {
    published.length = 0;
    await consumer.handle(messages);
    return published.filter((p) => p.topic === Topics.providerEventOutcomes).flatMap((p) => p.messages.map((m) => JSON.parse(m.value) as KafkaOutcome));
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-kafka-ingest-int-'));
    store = await openEventStore(`sqlite:${join(dir, 'events.db')}`);
    const env = loadEnv({ DATA_DIR: dir, LEDGER_PEPPER: 'cd'.repeat(32) });
    vault = await openKeyVault(env.vault, dir);
    const service = new IngestService(store, new HolderDigests(env), new PersonalDataCipher(vault), new LedgerMetrics('kafka-ingest-int'));
    evidence = await openEvidenceStore(`sqlite:${join(dir, 'evidence.db')}`);
    const handler = new IngestBatchHandler(store, service, new EvidenceRecorder(evidence, new EvidenceCipher(vault)));
    // The Nest bus dispatches to the handler; here it is handed the one command this consumer sends.
    const commands = { execute: (command: IngestBatchCommand) => handler.execute(command) } as Pick<CommandBus, 'execute'> as CommandBus;
    const keys = new ApiKeyService(store);
    bus = await openMessageBus('memory');
    consumer = new KafkaIngestConsumer(recording(bus, published), commands, keys);
    const admin = { role: 'admin' as const, id: 'test' };
    ownKey = (await keys.issue({ role: 'provider', scope: { providerId } }, admin)).apiKey;
    adminKey = (await keys.issue({ role: 'admin', scope: {} }, admin)).apiKey;
    otherKey = (await keys.issue({ role: 'provider', scope: { providerId: 'uni-elsewhere' } }, admin)).apiKey;
    // Fixtures carry only the fields ingest reads: written through the untyped view of the store.
    const raw: EventStore<AnyEvent> = store;
    await raw.append({ streamId: Streams.provider(providerId), expectedRevision: 'no-stream', events: [testEvent(EventTypes.ProviderRegistered, { providerId, name: 'K', jurisdiction: 'NZ', kind: 'university' })] });
    await raw.append({ streamId: Streams.achievement(achievementId), expectedRevision: 'no-stream', events: [testEvent(EventTypes.AchievementDefined, { achievementId, providerId, title: 'K' })] });
  });

  afterAll(async () => {
    await bus?.close();
    await store?.close();
    await vault?.close();
    await evidence?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('when the key may act for the provider', () => {
    it('accepts the message as an HTTP batch item would be', async () => {
      const [outcome] = await outcomesOf([message(issue('k-1', 'K-1'), { authorization: `Bearer ${ownKey}` })]);
      expect(outcome).toMatchObject({ outcome: 'accepted', providerId, sourceEventId: 'k-1', revision: 0 });
    });
  });

  describe('when the key belongs to another provider', () => {
    it('rejects it as forbidden and writes nothing', async () => {
      const before = await store.headPosition();
      const [outcome] = await outcomesOf([message(issue('k-2', 'K-2'), { authorization: `Bearer ${otherKey}` })]);
      expect(outcome).toMatchObject({ outcome: 'rejected', providerId, errors: [{ code: 'AUTH.FORBIDDEN' }] });
      expect(await store.headPosition()).toBe(before);
    });
  });

  describe('when the provider is not registered', () => {
    it('rejects it as not found', async () => {
      const [outcome] = await outcomesOf([message(issue('k-3', 'K-3', 'uni-nowhere'), { authorization: `Bearer ${adminKey}` })]);
      expect(outcome).toMatchObject({ outcome: 'rejected', providerId: 'uni-nowhere', errors: [{ code: 'PROVIDER.NOT_FOUND' }] });
    });
  });

  describe('when one message of a run carries an incomplete signature', () => {
    it('rejects that message alone and accepts its neighbour', async () => {
      const auth = { authorization: `Bearer ${ownKey}` };
      const outcomes = await outcomesOf([message(issue('k-4', 'K-4'), { ...auth, [SIGNATURE_KEY_HEADER]: 'key-1' }), message(issue('k-5', 'K-5'), auth)]);
      expect(outcomes.map((o) => [o.sourceEventId, o.outcome, 'errors' in o ? o.errors[0].code : undefined])).toEqual([
        ['k-4', 'rejected', 'SIGNATURE.INCOMPLETE'],
        ['k-5', 'accepted', undefined],
      ]);
    });
  });

  describe('when messages of a run are signed with a key the provider never added (signatures optional)', () => {
    it('accepts them in order, noting the key on their events only, as the HTTP batch does', async () => {
      const auth = { authorization: `Bearer ${ownKey}` };
      const { privateKey } = ed25519KeyPair();
      const signedBy = (keyId: string, value: object) => message(value, { ...auth, [SIGNATURE_KEY_HEADER]: keyId, [SIGNATURE_HEADER]: signBody(JSON.stringify(value), privateKey) });
      const outcomes = await outcomesOf([signedBy('ghost', issue('k-6', 'K-6')), message(issue('k-7', 'K-7'), auth), signedBy('ghost', issue('k-8', 'K-8'))]);
      expect(outcomes.map((o) => [o.sourceEventId, o.outcome])).toEqual([['k-6', 'accepted'], ['k-7', 'accepted'], ['k-8', 'accepted']]);
      const all = await store.readAll({ maxCount: 1000 });
      const noteOf = (ref: string) => all.find((e) => e.type === EventTypes.CredentialIssued && (e.data as { credentialRef: string }).credentialRef === ref)!.metadata.signature;
      expect(noteOf('K-6')).toEqual({ keyId: 'ghost', verdict: 'unknown-key' });
      expect(noteOf('K-7')).toBeUndefined();
      expect(noteOf('K-8')).toEqual({ keyId: 'ghost', verdict: 'unknown-key' });
    });
  });
  describe('when messages of a run come signed', () => {
    it('keeps each message as its own evidence, linked from its own events only, with the exact value as the body', async () => {
      const auth = { authorization: `Bearer ${ownKey}` };
      const { privateKey } = ed25519KeyPair();
      const signed = (value: object) => message(value, { ...auth, [SIGNATURE_KEY_HEADER]: 'ghost', [SIGNATURE_HEADER]: signBody(JSON.stringify(value), privateKey) });
      const messages = [signed(issue('k-9', 'K-9')), message(issue('k-10', 'K-10'), auth), signed(issue('k-11', 'K-11'))];
      const outcomes = await outcomesOf(messages);
      expect(outcomes.map((o) => o.outcome)).toEqual(['accepted', 'accepted', 'accepted']);
      const all = await store.readAll({ maxCount: 1000 });
      const linkOf = (ref: string) => all.find((e) => e.type === EventTypes.CredentialIssued && (e.data as { credentialRef: string }).credentialRef === ref)!.metadata.evidence;
      const digest = (m: ConsumedMessage) => createHash('sha256').update(m.value).digest('hex');
      expect(linkOf('K-9')).toEqual({ bodyDigest: digest(messages[0]), keyId: 'ghost', signature: messages[0].headers![SIGNATURE_HEADER] });
      expect(linkOf('K-10')).toBeUndefined();
      expect(linkOf('K-11')?.bodyDigest).toBe(digest(messages[2]));
      const [kept] = await evidence.get(digest(messages[2]));
      expect(kept).toMatchObject({ providerId, keyId: 'ghost' });
      expect((await new EvidenceCipher(vault).open(kept.bodyDigest, kept.sealedBody!))?.toString()).toBe(messages[2].value);
    });
  });
});
