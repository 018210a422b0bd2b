import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnyEvent, LedgerCheckpointSigned, Streams, Topics } from '@app/contracts';
import { EventStore, openEventStore } from '@app/event-store';
import { openCheckpoint, parseVerifierKey } from '@app/ledger-crypto';
import { ConsumedMessage, MessageBus, openMessageBus } from '@app/messaging';
import { loadEnv } from '@app/platform';
import { openReadStore, ReadStore } from '@app/read-store';
import { eventually, testEvent } from '@app/testing';
import { CheckpointSigner } from './checkpoint-signer';
import { LedgerTreeProjection } from './tree.projection';

/**
 * The signer on real SQLite stores: every N events, never looping on its own events, and the
 * notes published once on ledger.checkpoints.v1 (the in-process bus standing in for Kafka,
 * the signer being told the bus is Kafka).
 */
describe('CheckpointSigner', () => {
  let dir: string;
  let events: EventStore;
  let reads: ReadStore;
  let bus: MessageBus;
  let tree: LedgerTreeProjection;
  let signer: CheckpointSigner;
  const published: ConsumedMessage[] = [];
  const append = async (n: number) => {
    await (events as unknown as EventStore<AnyEvent>).append({ streamId: `test-${Math.random()}`, expectedRevision: 'any', events: Array.from({ length: n }, () => testEvent()) });
  };
  const checkpoints = async () => (await events.readStream(Streams.checkpoints)).map((e) => e.data as LedgerCheckpointSigned);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-signer-'));
    events = await openEventStore(`sqlite:${join(dir, 'events.db')}`);
    reads = await openReadStore(`sqlite:${join(dir, 'read.db')}`);
    bus = await openMessageBus('memory');
    await bus.subscribe({ topic: Topics.ledgerCheckpoints, groupId: 'test', fromBeginning: true }, async (messages) => {
      published.push(...messages);
    });
    const env = { ...loadEnv({ DATA_DIR: dir, LEDGER_ORIGIN: 'ledger.test/signer', LEDGER_CHECKPOINT_EVERY: '10', LEDGER_CHECKPOINT_INTERVAL_MS: '86400000' }), bus: 'kafka://stand-in:9092' };
    tree = new LedgerTreeProjection(events, reads);
    signer = new CheckpointSigner(events, reads, bus, env, tree);
    signer.onApplicationBootstrap();
    await tree.onApplicationBootstrap();
  });
  afterAll(async () => {
    await signer.beforeApplicationShutdown();
    await tree.beforeApplicationShutdown();
    await bus.close();
    await events.close();
    await reads.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('when the log grows past LEDGER_CHECKPOINT_EVERY events', () => {
    it('signs one checkpoint of the tree, which the verifier key opens and whose root the tree holds', async () => {
      await append(12);
      await eventually(async () => (await checkpoints()).length === 1, 5000, 'a checkpoint');
      const [signed] = await checkpoints();
      const { checkpoint } = openCheckpoint(signed.note, [parseVerifierKey(signer.key.verifierKey)], 'ledger.test/signer');
      expect(checkpoint.size).toBe(12);
      expect(signed).toMatchObject({ origin: 'ledger.test/signer', treeSize: 12 });
    });
  });

  describe('when only its own checkpoint events were appended since', () => {
    it('signs nothing more, even when asked whether one is due', async () => {
      await tree.waitFor(await events.headPosition());
      expect(await signer.signIfDue(0)).toBeUndefined();
      await new Promise((r) => setTimeout(r, 300));
      expect(await checkpoints()).toHaveLength(1);
    });
  });

  describe('when asked to sign', () => {
    const ctx = { actor: { role: 'admin' as const, id: 'k' }, channel: 'http' as const, correlationId: 'c', now: new Date().toISOString() };

    it('answers the latest checkpoint while only checkpoints were appended since, writing nothing', async () => {
      const head = await events.headPosition();
      expect(await signer.signNow(ctx)).toMatchObject({ treeSize: 12 });
      expect(await events.headPosition()).toBe(head);
    });

    it('signs the tree, its checkpoint event included, once an event came; publishes every checkpoint once, in order', async () => {
      await append(1);
      expect(await signer.signNow(ctx)).toMatchObject({ treeSize: 14 });
      expect(await signer.signNow(ctx)).toMatchObject({ treeSize: 14 });
      await eventually(() => published.length === 2, 5000, 'two checkpoints published');
      expect(published.map((m) => JSON.parse(m.value).treeSize)).toEqual([12, 14]);
      expect(published.every((m) => m.key === 'ledger.test/signer')).toBe(true);
    });
  });
});
