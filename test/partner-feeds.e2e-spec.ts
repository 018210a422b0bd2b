import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Consumer, Kafka, logLevel } from 'kafkajs';
import { Webhook } from 'standardwebhooks';
import { AppProcess, eventually, sampleAchievement, settledHead } from '@app/testing';

const brokers = process.env.KAFKA_BROKERS;
if (!brokers) console.warn('partner feeds over Kafka skipped (the HTTP long poll still runs): KAFKA_BROKERS is not set and no Kafka was found (see test/engines.global-setup.ts)');

const ok = (res: { status: number; body: unknown }, status = 200) => {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as any;
};

interface FeedEvent { id: string; type: string; subject: string; sequence: string; data: Record<string, unknown> }
interface Received { id: string; subject: string; key: string; type: string; data: Record<string, unknown> }

/**
 * Step 10 acceptance: a partner scoped to NZ with consent from learner A and not B receives
 * A's events and none of B's, over the HTTP long poll and over Kafka (read with plain kafkajs,
 * not the ledger's code); after A withdraws nothing new about A arrives; after B consents B's
 * later events do; an AU credential never reaches it. Then the process running the router is
 * killed with -9 mid-delivery and restarted: the feed has no gap (duplicates allowed).
 */
describe('partner feeds', () => {
  const tag = randomBytes(3).toString('hex');
  const partnerId = `nz-employer-${tag}`;
  const otherPartnerId = `au-wallet-${tag}`;
  const nsn = { a: `7${String(Date.now()).slice(-8)}`, b: `8${String(Date.now()).slice(-8)}` };
  let dir: string;
  let app: AppProcess;
  let admin: string;
  let partnerKey: string;
  let otherKey: string;
  const providers: Record<'nz' | 'au', { id: string; key: string; achievementId: string }> = {} as never;
  const learners: Record<'a' | 'b', string> = { a: '', b: '' };
  const credentials: Record<string, string> = {};
  let kafka: Kafka | undefined;
  let consumer: Consumer | undefined;
  const overKafka: Received[] = [];
  const env: Record<string, string> = brokers ? { BUS: `kafka://${brokers}` } : {};

  const setUp = async (which: 'nz' | 'au') => {
    const id = `${which}-uni-${tag}`;
    ok(await app.api('POST', '/v1/providers', { key: admin, body: { providerId: id, name: `Provider ${id}`, jurisdiction: which.toUpperCase(), kind: 'university' } }), 201);
    const key = ok(await app.api('POST', '/v1/api-keys', { key: admin, body: { role: 'provider', scope: { providerId: id } } }), 201).apiKey;
    const achievementId = ok(await app.api('POST', `/v1/providers/${id}/achievements`, { key, body: sampleAchievement }), 201).achievementId;
    providers[which] = { id, key, achievementId };
  };
  /** Issues credentials (refs) to one holder; remembers each credential id by ref. */
  const issue = async (which: 'nz' | 'au', holder: string, ...refs: string[]) => {
    const p = providers[which];
    const items = refs.map((ref) => ({
      sourceEventId: `src-${ref}`, type: 'CredentialIssued', occurredAt: '2026-03-01T09:00:00Z',
      data: { credentialRef: ref, achievementId: p.achievementId, holder: { identifiers: [{ scheme: 'NZ-NSN', value: holder }] }, issuedAt: '2026-03-01T00:00:00Z' },
    }));
    const results = ok(await app.api('POST', `/v1/providers/${p.id}/events`, { key: p.key, body: { items } }), 207).results;
    results.forEach((r: { outcome: string; credentialId: string }, i: number) => {
      if (r.outcome !== 'accepted') throw new Error(`${refs[i]}: ${JSON.stringify(r)}`);
      credentials[refs[i]] = r.credentialId;
    });
  };
  const learnerOf = async (holder: string) => {
    let found: string[] = [];
    await eventually(async () => {
      found = ok(await app.api('POST', '/v1/learners/lookup', { key: admin, body: { identifiers: [{ scheme: 'NZ-NSN', value: holder }] } })).learners.map((l: { learnerId: string }) => l.learnerId);
      return found.length === 1;
    }, 15_000, 'identity resolution');
    return found[0];
  };
  /** The whole feed, page by page, as the partner reads it. */
  const readFeed = async (key = partnerKey): Promise<FeedEvent[]> => {
    const all: FeedEvent[] = [];
    for (let after = 0; ;) {
      const page = ok(await app.api('GET', `/v1/feeds/${partnerId}/events?after=${after}&limit=100`, { key }));
      all.push(...page.events);
      if (page.events.length === 0) return all;
      after = page.next;
    }
  };
  const subjects = (events: { subject: string }[]) => [...new Set(events.map((e) => e.subject))];
  const subjectOf = (ref: string) => `credential/${credentials[ref]}`;
  /** Waits until every projection group, the feed router among them, has passed the log head and the ledger is still. */
  const settled = () => settledHead(app, admin);
  /** Kafka keeps order per key (learner), not across learners: compared as sets. */
  const sorted = (values: string[]) => [...values].sort();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-feeds-'));
    app = await AppProcess.start({ dataDir: dir, env });
    admin = app.adminKey();
    await setUp('nz');
    await setUp('au');
    const scope = { jurisdictions: ['NZ'], eventKinds: ['credential.issued', 'credential.revoked'], purposes: ['employment-verification'] };
    expect(ok(await app.api('POST', '/v1/partners', { key: admin, body: { partnerId, name: 'NZ employer', scope, deliveries: { kafka: true } } }), 201).partnerId).toBe(partnerId);
    // The same registration again is a retry; another scope under the id is refused.
    ok(await app.api('POST', '/v1/partners', { key: admin, body: { partnerId, name: 'NZ employer', scope, deliveries: { kafka: true } } }), 200);
    expect((await app.api('POST', '/v1/partners', { key: admin, body: { partnerId, name: 'NZ employer', scope: { ...scope, jurisdictions: ['AU'] }, deliveries: { kafka: true } } })).status).toBe(409);
    ok(await app.api('POST', '/v1/partners', { key: admin, body: { partnerId: otherPartnerId, name: 'AU wallet', scope: { ...scope, jurisdictions: ['AU'] }, deliveries: { kafka: false } } }), 201);
    partnerKey = ok(await app.api('POST', '/v1/api-keys', { key: admin, body: { role: 'partner', scope: { partnerId } } }), 201).apiKey;
    otherKey = ok(await app.api('POST', '/v1/api-keys', { key: admin, body: { role: 'partner', scope: { partnerId: otherPartnerId } } }), 201).apiKey;
    if (brokers) {
      kafka = new Kafka({ clientId: `feeds-e2e-${tag}`, brokers: brokers.split(','), logLevel: logLevel.NOTHING });
      // The ledger creates the topic with its first entry; the partner subscribes before that, so it makes sure the topic is there.
      const kafkaAdmin = kafka.admin();
      await kafkaAdmin.connect();
      // A broker that has just started can answer "does not host this topic-partition" while it
      // elects the new topic's leader: ask again until its metadata names a leader.
      const topic = `feed.${partnerId}.v1`;
      await kafkaAdmin.createTopics({ topics: [{ topic }], waitForLeaders: false });
      await eventually(async () => {
        try {
          const { topics } = await kafkaAdmin.fetchTopicMetadata({ topics: [topic] });
          return topics[0]?.partitions.length > 0 && topics[0].partitions.every((p) => p.leader >= 0);
        } catch {
          return false;
        }
      }, 60_000, `a leader for ${topic}`);
      await kafkaAdmin.disconnect();
      consumer = kafka.consumer({ groupId: `feeds-e2e-${randomUUID()}` });
      await consumer.connect();
      await consumer.subscribe({ topic: `feed.${partnerId}.v1`, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          const header = (name: string) => message.headers?.[name]?.toString() ?? '';
          overKafka.push({ id: header('ce_id'), subject: header('ce_subject'), type: header('ce_type'), key: message.key?.toString() ?? '', data: JSON.parse(message.value?.toString() ?? 'null') });
        },
      });
    }
  }, 120_000);

  afterAll(async () => {
    await consumer?.disconnect();
    await app?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('answers a partner key for its own registration and feed only; any other partner is answered as unknown', async () => {
    expect(ok(await app.api('GET', `/v1/partners/${partnerId}`, { key: partnerKey }))).toMatchObject({ partnerId, topic: `feed.${partnerId}.v1`, scope: { jurisdictions: ['NZ'] } });
    const other = await app.api('GET', `/v1/partners/${otherPartnerId}`, { key: partnerKey });
    const unknown = await app.api('GET', `/v1/partners/nobody-${tag}`, { key: partnerKey });
    expect(other.status).toBe(404);
    expect({ ...other.body, instance: undefined }).toEqual({ ...unknown.body, instance: undefined });
    const otherFeed = await app.api('GET', `/v1/feeds/${partnerId}/events`, { key: otherKey });
    const unknownFeed = await app.api('GET', `/v1/feeds/nobody-${tag}/events`, { key: otherKey });
    expect(otherFeed.status).toBe(404);
    expect({ ...otherFeed.body, instance: undefined }).toEqual({ ...unknownFeed.body, instance: undefined });
    expect((await app.api('GET', `/v1/feeds/${partnerId}/events`)).status).toBe(401);
    expect((await app.api('POST', '/v1/partners', { key: partnerKey, body: {} })).status).toBe(403);
  });

  it("delivers A's events once A consents, never B's nor an AU credential, over the long poll", async () => {
    await issue('nz', nsn.a, `A1-${tag}`);
    await issue('nz', nsn.b, `B1-${tag}`);
    learners.a = await learnerOf(nsn.a);
    learners.b = await learnerOf(nsn.b);
    ok(await app.api('PUT', `/v1/learners/${learners.a}/consents/${partnerId}`, { key: admin, body: { purposes: ['employment-verification'] } }));
    // A long poll started before the event answers once it is routed.
    const polled = app.api('GET', `/v1/feeds/${partnerId}/events?after=0&wait=25`, { key: partnerKey });
    await issue('nz', nsn.a, `A2-${tag}`);
    const first = ok(await polled);
    expect(first.events.map((e: FeedEvent) => e.subject)).toEqual([subjectOf(`A2-${tag}`)]);
    expect(first.events[0]).toMatchObject({ specversion: '1.0', type: 'credential-ledger.feed.credential.issued.v1', sequence: '1', data: { learnerId: learners.a, status: 'issued', jurisdiction: 'NZ' } });
    expect(first.events[0].data.normalised).toBeDefined();

    await issue('nz', nsn.b, `B2-${tag}`);
    await issue('au', nsn.a, `AU1-${tag}`);
    await settled();
    const feed = await readFeed();
    expect(subjects(feed)).toEqual([subjectOf(`A2-${tag}`)]);
    expect(JSON.stringify(feed)).not.toContain(learners.b);
  }, 90_000);

  it("stops A's events once A withdraws, and sends B's events issued after B consents", async () => {
    ok(await app.api('DELETE', `/v1/learners/${learners.a}/consents/${partnerId}`, { key: admin }));
    await issue('nz', nsn.a, `A3-${tag}`);
    ok(await app.api('PUT', `/v1/learners/${learners.b}/consents/${partnerId}`, { key: admin, body: {} }));
    await issue('nz', nsn.b, `B3-${tag}`);
    await settled();
    const feed = await readFeed();
    expect(subjects(feed)).toEqual([subjectOf(`A2-${tag}`), subjectOf(`B3-${tag}`)]);
    expect(feed.map((e) => e.sequence)).toEqual(['1', '2']);
  }, 90_000);

  it('delivers to a webhook, signed per Standard Webhooks with the secret the partner reads from its status', async () => {
    const hooked: { headers: Record<string, string>; body: string }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        hooked.push({ headers: { 'webhook-id': String(req.headers['webhook-id']), 'webhook-timestamp': String(req.headers['webhook-timestamp']), 'webhook-signature': String(req.headers['webhook-signature']) }, body });
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const hookId = `hook-${tag}`;
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ledger`;
      ok(await app.api('POST', '/v1/partners', { key: admin, body: { partnerId: hookId, name: 'Hooked', scope: { jurisdictions: ['NZ'], eventKinds: ['credential.issued'], purposes: ['wallet'] }, deliveries: { kafka: false, webhook: { url } } } }), 201);
      ok(await app.api('PUT', `/v1/learners/${learners.b}/consents/${hookId}`, { key: admin, body: { purposes: ['wallet'] } }));
      await issue('nz', nsn.b, `B-hook-${tag}`);
      await eventually(() => hooked.length > 0, 20_000, 'a webhook delivery');
      const status = ok(await app.api('GET', `/v1/partners/${hookId}/webhook`, { key: admin }));
      expect(status).toMatchObject({ url, state: 'active', secret: expect.stringMatching(/^whsec_/) });
      const delivered = new Webhook(status.secret).verify(hooked[0].body, hooked[0].headers) as FeedEvent;
      expect(delivered).toMatchObject({ subject: subjectOf(`B-hook-${tag}`), data: { learnerId: learners.b } });
      expect(hooked[0].headers['webhook-id']).toBe(delivered.id);
      expect((await app.api('GET', `/v1/partners/${hookId}/webhook`, { key: partnerKey })).status).toBe(404);
    } finally {
      await new Promise((r) => server.close(r));
    }
  }, 60_000);

  (brokers ? describe : describe.skip)('over Kafka', () => {
    it('publishes the same events to feed.{partnerId}.v1 in the CloudEvents Kafka binding, keyed by learner', async () => {
      const feed = await readFeed();
      await eventually(() => feed.every((e) => overKafka.some((k) => k.id === e.id)), 20_000, 'feed entries on Kafka');
      expect(sorted(subjects(overKafka))).toEqual(sorted(subjects(feed)));
      expect(overKafka.find((k) => k.subject === subjectOf(`A2-${tag}`))).toMatchObject({ key: learners.a, type: 'credential-ledger.feed.credential.issued.v1', data: { credentialId: credentials[`A2-${tag}`] } });
      expect(overKafka.find((k) => k.subject === subjectOf(`B3-${tag}`))?.key).toBe(learners.b);
    }, 60_000);
  });

  it('resumes after kill -9 mid-delivery without a gap: every later event of B is in the feed, sequences contiguous', async () => {
    const refs = Array.from({ length: 40 }, (_, i) => `B-crash-${i}-${tag}`);
    for (const ref of refs.slice(0, 20)) await issue('nz', nsn.b, ref);
    await app.kill();
    app = await AppProcess.start({ dataDir: dir, env });
    for (let i = 20; i < refs.length; i += 5) await issue('nz', nsn.b, ...refs.slice(i, i + 5));
    await settled();
    const feed = await readFeed();
    // B consented to this partner too: its credential issued for the webhook test is here as well.
    const wanted = [`A2-${tag}`, `B3-${tag}`, `B-hook-${tag}`, ...refs].map(subjectOf);
    expect(subjects(feed)).toEqual(wanted);
    expect(feed.map((e) => Number(e.sequence))).toEqual(feed.map((_, i) => i + 1));
    if (brokers) {
      // At-least-once: every entry reaches Kafka, perhaps twice; deduped on ce_id, nothing is missing.
      await eventually(() => feed.every((e) => overKafka.some((k) => k.id === e.id)), 30_000, 'every feed entry on Kafka after the restart');
      expect(sorted(subjects(overKafka))).toEqual(sorted(wanted));
    }
  }, 180_000);
});
