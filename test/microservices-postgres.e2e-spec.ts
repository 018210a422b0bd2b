import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { credentialIdFor, Topics } from '@app/contracts';
import { ConsumedMessage, MessageBus, openMessageBus } from '@app/messaging';
import { AppProcess, eventually, issueItem, setUpProvider } from '@app/testing';

const brokers = process.env.KAFKA_BROKERS;
const database = process.env.DATABASE_URL;
const reason = !brokers ? 'KAFKA_BROKERS is not set and no Kafka was found' : !database ? 'DATABASE_URL is not set and no PostgreSQL was found' : undefined;

if (reason) {
  console.warn(`microservices on PostgreSQL e2e skipped: ${reason} (see test/engines.global-setup.ts)`);
  describe.skip('three apps as separate processes on PostgreSQL (event store and read store) and Kafka', () => it('needs Kafka and PostgreSQL', () => undefined));
} else {
  describe('three apps as separate processes on PostgreSQL (event store and read store) and Kafka', () => {
    const suffix = randomUUID().replace(/-/g, '').slice(0, 12);
    const [eventSchema, readSchema] = [`ledger_e2e_es_${suffix}`, `ledger_e2e_rs_${suffix}`];
    const withSchema = (schema: string) => `${database}${database!.includes('?') ? '&' : '?'}schema=${schema}`;
    let dir: string;
    let env: Record<string, string>;
    let providers: AppProcess;
    let records: AppProcess;
    let qa: AppProcess;
    let bus: MessageBus;
    let key: string;
    let achievementId: string;
    const providerId = `mspg-${randomBytes(4).toString('hex')}`;

    const startRecords = () => AppProcess.start({ app: 'records', dataDir: join(dir, 'records'), env });
    const sql = async <T>(text: string): Promise<T[]> => {
      const client = new Client({ connectionString: database });
      await client.connect();
      try {
        return (await client.query(text)).rows;
      } finally {
        await client.end();
      }
    };

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'ledger-mspg-'));
      for (const d of ['providers', 'records', 'qa']) mkdirSync(join(dir, d));
      env = {
        EVENT_STORE: withSchema(eventSchema),
        READ_STORE: withSchema(readSchema),
        BUS: `kafka://${brokers}`,
        LEDGER_PEPPER: randomBytes(32).toString('hex'),
      };
      [providers, records, qa] = await Promise.all([
        AppProcess.start({ app: 'providers', dataDir: join(dir, 'providers'), env }),
        startRecords(),
        AppProcess.start({ app: 'quality-assurance', dataDir: join(dir, 'qa'), env }),
      ]);
      bus = await openMessageBus(`kafka://${brokers}`, 'ledger-e2e-pg');
      ({ key, achievementId } = await setUpProvider(providers, providerId));
    }, 120_000);

    afterAll(async () => {
      await Promise.all([providers?.stop(), records?.stop(), qa?.stop()]);
      await bus?.close();
      await sql(`DROP SCHEMA IF EXISTS ${eventSchema} CASCADE; DROP SCHEMA IF EXISTS ${readSchema} CASCADE`);
      rmSync(dir, { recursive: true, force: true });
    }, 60_000);

    const verification = (credentialId: string) => records.api('GET', `/v1/credentials/${credentialId}/verification`, { key });

    it('keeps the log in PostgreSQL: every app healthy, the admin key known to all from the shared log', async () => {
      for (const app of [providers, records, qa]) {
        let status = (await app.api('GET', '/health')).body.status;
        for (let tries = 0; status === 'degraded' && tries < 150; tries++) {
          await new Promise((resolve) => setTimeout(resolve, 200));
          status = (await app.api('GET', '/health')).body.status;
        }
        expect(status).toBe('ok');
      }
      expect((await qa.api('GET', '/v1/qa-bodies', { key: providers.adminKey() })).status).toBe(200);
      const [{ n }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${eventSchema}.events WHERE stream_id = 'provider-${providerId}'`);
      expect(n).toBeGreaterThan(0);
    });

    it('issues on providers, verifies on records (woken across processes), revokes, verifies again', async () => {
      const credentialId = credentialIdFor(providerId, 'PG-HTTP-1');
      const issued = await providers.api('POST', `/v1/providers/${providerId}/events`, { key, body: { items: [issueItem('pg-h1', 'PG-HTTP-1', achievementId)] } });
      expect(issued.body.results[0]).toMatchObject({ outcome: 'accepted', credentialId });
      await eventually(async () => (await verification(credentialId)).body.status === 'issued', 20_000, 'records sees the credential');
      await providers.api('POST', `/v1/providers/${providerId}/events`, { key, body: { items: [{ sourceEventId: 'pg-h2', type: 'CredentialRevoked', data: { credentialRef: 'PG-HTTP-1', reason: 'test' } }] } });
      await eventually(async () => (await verification(credentialId)).body.status === 'revoked', 20_000, 'records sees the revocation');
    }, 60_000);

    it('loses nothing and doubles nothing when records is killed mid-stream, and relays every event to Kafka', async () => {
      const batches = Array.from({ length: 4 }, (_, b) => Array.from({ length: 50 }, (_, i) => issueItem(`pgk-${b}-${i}`, `PGK-${b}-${i}`, achievementId, `pgk-${b}-${i}`)));
      const accepted: string[] = [];
      const eventIds = new Set<string>();
      for (const [b, items] of batches.entries()) {
        const res = await providers.api('POST', `/v1/providers/${providerId}/events`, { key, body: { items } });
        for (const r of res.body.results) {
          if (r.outcome !== 'accepted') continue;
          accepted.push(r.credentialId);
          eventIds.add(r.eventId);
        }
        if (b === 1) await records.kill();
      }
      expect(accepted).toHaveLength(200);
      records = await startRecords();
      const admin = providers.adminKey();
      await eventually(async () => (await records.api('GET', '/v1/projections', { key: admin })).body.lag === 0, 90_000, 'records caught up after restart');
      for (const credentialId of accepted.filter((_, i) => i % 10 === 0)) {
        const res = await verification(credentialId);
        expect(res.status).toBe(200);
        expect(res.body.history).toHaveLength(1);
      }
      const relayed = new Set<string>();
      const sub = await bus.subscribe({ topic: Topics.ledgerEvents, groupId: `e2e-pg-${randomUUID()}` }, async (batch: ConsumedMessage[]) => {
        for (const m of batch) if (m.headers?.ce_id && eventIds.has(m.headers.ce_id)) relayed.add(m.headers.ce_id);
      });
      try {
        await eventually(() => relayed.size === eventIds.size, 60_000, `all ${eventIds.size} events relayed`);
      } finally {
        await sub.stop();
      }
    }, 240_000);
  });
}
