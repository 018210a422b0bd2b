import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentialIdFor, RecordedEvent, Topics } from '@app/contracts';
import { openEventStore } from '@app/event-store';
import { ConsumedMessage, MessageBus, openMessageBus } from '@app/messaging';
import { AppProcess, eventually, issueItem, sampleAchievement } from '@app/testing';

const brokers = process.env.KAFKA_BROKERS;
if (!brokers) console.warn('HTTP/Kafka parity e2e skipped: KAFKA_BROKERS is not set and no Kafka was found (see test/engines.global-setup.ts)');

/**
 * The same lifecycle, item for item, once over HTTP and once over Kafka, into two fresh
 * ledgers: outcomes and stored events must be identical but for the channel's own traces.
 * It also checks that no holder identifier, name or birth date is left in clear anywhere.
 */
(brokers ? describe : describe.skip)('one lifecycle over HTTP and over Kafka', () => {
  const providerId = `parity-${randomBytes(4).toString('hex')}`;
  const achievementId = randomUUID();
  const pepper = randomBytes(32).toString('hex');
  const secrets = { identifier: `NSN-${randomBytes(6).toString('hex')}`, name: `Wiremu Parity ${randomBytes(3).toString('hex')}`, birthDate: '1987-06-05' };
  const dirs: string[] = [];
  const apps: AppProcess[] = [];
  let bus: MessageBus;

  const items = () => {
    const issue = issueItem('p-1', 'PAR-1', achievementId, secrets.identifier);
    const issued = { ...issue, data: { ...issue.data, validUntil: '2030-01-01T00:00:00Z', holder: { ...issue.data.holder, name: secrets.name, birthDate: secrets.birthDate } } };
    const at = (s: string) => ({ occurredAt: `2026-04-0${s}T10:00:00Z` });
    return [
      issued,
      { sourceEventId: 'p-2', type: 'CredentialAmended', ...at('2'), data: { credentialRef: 'PAR-1', changes: { grade: 'A+' }, reason: 'remarked' } },
      { sourceEventId: 'p-3', type: 'CredentialSuspended', ...at('3'), data: { credentialRef: 'PAR-1', reason: 'review' } },
      { sourceEventId: 'p-4', type: 'CredentialReinstated', ...at('4'), data: { credentialRef: 'PAR-1' } },
      issued,
      { sourceEventId: 'p-5', type: 'CredentialRevoked', ...at('5'), data: { credentialRef: 'PAR-1', reason: 'fraud' } },
      { sourceEventId: 'p-6', type: 'CredentialSuspended', ...at('6'), data: { credentialRef: 'PAR-1', reason: 'late' } },
      { sourceEventId: 'p-7', type: 'CredentialIssued', ...at('7'), data: { credentialRef: 'PAR-2' } },
      // p-3 again, for another request: refused as a reuse on both channels, never a duplicate.
      { sourceEventId: 'p-3', type: 'CredentialRevoked', ...at('8'), data: { credentialRef: 'PAR-1', reason: 'reused id' } },
    ];
  };

  async function ledger(env: Record<string, string>): Promise<{ app: AppProcess; key: string }> {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-parity-'));
    dirs.push(dir);
    const app = await AppProcess.start({ dataDir: dir, env: { LEDGER_PEPPER: pepper, LOG_LEVEL: 'debug', ...env } });
    apps.push(app);
    const admin = app.adminKey();
    await app.api('POST', '/v1/providers', { key: admin, body: { providerId, name: 'Parity Institute', jurisdiction: 'NZ', kind: 'college' } });
    const key = (await app.api('POST', '/v1/api-keys', { key: admin, body: { role: 'provider', scope: { providerId } } })).body.apiKey;
    const ach = await app.api('POST', `/v1/providers/${providerId}/achievements`, { key, body: { ...sampleAchievement, achievementId } });
    expect(ach.status).toBe(201);
    return { app, key };
  }

  // Field paths are relative to what was sent: `items[0].data.x` in an HTTP batch, `data.x` in a Kafka message.
  const normalise = (o: Record<string, unknown>) => {
    const { index: _i, partition: _p, offset: _o, position: _pos, providerId: _prov, ...rest } = o;
    return JSON.parse(JSON.stringify(rest).replace(/"items\[\d+\]\./g, '"'));
  };
  // Each ledger has its own vault and a fresh IV per encryption: ciphertexts differ by design.
  const comparable = (e: RecordedEvent) => {
    const { recordedAt: _r, correlationId: _c, channel: _ch, actor, ...metadata } = e.metadata;
    const data = JSON.parse(JSON.stringify(e.data).replace(/"ciphertext":"[^"]+"/, '"ciphertext":"<sealed>"'));
    return { type: e.type, revision: e.revision, data, metadata: { ...metadata, actorRole: actor.role } };
  };
  const streamOf = async (dir: string) => {
    const store = await openEventStore(`sqlite:${join(dir, 'events.db')}`);
    const events = await store.readStream(`credential-${credentialIdFor(providerId, 'PAR-1')}`);
    await store.close();
    return events;
  };

  beforeAll(async () => {
    bus = await openMessageBus(`kafka://${brokers}`, 'parity-test');
  });
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.stop()));
    await bus?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('gives identical outcomes and events, and keeps personal data out of every file and log', async () => {
    const http = await ledger({});
    const httpOutcomes: Record<string, unknown>[] = [];
    for (const item of items()) {
      const res = await http.app.api('POST', `/v1/providers/${providerId}/events`, { key: http.key, body: { items: [item] } });
      httpOutcomes.push(res.body.results[0]);
    }

    const kafka = await ledger({ BUS: `kafka://${brokers}` });
    const kafkaOutcomes: Record<string, unknown>[] = [];
    const sub = await bus.subscribe({ topic: Topics.providerEventOutcomes, groupId: `parity-${randomUUID()}` }, async (batch: ConsumedMessage[]) => {
      for (const m of batch) {
        const o = JSON.parse(m.value);
        if (o.providerId === providerId) kafkaOutcomes.push(o);
      }
    });
    try {
      // One key: one partition, so the lifecycle keeps its order.
      await bus.publish(Topics.providerEvents, items().map((item) => ({ key: 'PAR-1', value: JSON.stringify({ providerId, ...item }), headers: { authorization: `Bearer ${kafka.key}` } })));
      await eventually(() => kafkaOutcomes.length >= items().length, 60_000, 'every Kafka outcome');
    } finally {
      await sub.stop();
    }

    expect(httpOutcomes.map((o) => o.outcome)).toEqual(['accepted', 'accepted', 'accepted', 'accepted', 'duplicate', 'accepted', 'rejected', 'rejected', 'rejected']);
    expect(kafkaOutcomes.map(normalise)).toEqual(httpOutcomes.map(normalise));
    expect(kafkaOutcomes[8]).toMatchObject({ errors: [{ code: 'EVENT.SOURCE_ID_REUSED', field: 'sourceEventId' }] });

    const [httpEvents, kafkaEvents] = await Promise.all(dirs.map(streamOf));
    expect(httpEvents).toHaveLength(5);
    expect(kafkaEvents.map(comparable)).toEqual(httpEvents.map(comparable));
    expect(httpEvents[0].data).toMatchObject({ holder: { personal: { alg: 'A256GCM' } } });
    expect(httpEvents[0].metadata.channel).toBe('http');
    expect(kafkaEvents[0].metadata.channel).toBe('kafka');

    await Promise.all(apps.map((a) => a.stop()));
    for (const dir of dirs) {
      for (const file of readdirSync(dir)) {
        const bytes = readFileSync(join(dir, file));
        for (const [what, value] of Object.entries(secrets)) {
          if (bytes.includes(value)) throw new Error(`${what} found in clear in ${file}`);
        }
      }
    }
  }, 180_000);
});
