import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { openReadStore, ReadStore } from '@app/read-store';
import { FeedCloudEvent } from '../feed-event';
import { entryId, FeedCollections, FeedEntry } from '../feed-router.projection';
import { DISABLE_AFTER, WebhookSender } from './webhook-sender';

const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
const partnerId = 'hook-partner';
const entry = (seq: number): FeedEntry => ({
  partnerId, seq, key: `credential/c${seq}`,
  event: { specversion: '1.0', id: `id-${seq}`, source: '/credential-ledger/feeds/hook-partner', type: 'credential-ledger.feed.credential.issued.v1', subject: `credential/c${seq}`, time: '2026-03-01T00:00:00.000Z', datacontenttype: 'application/json', sequence: String(seq), ledgerposition: String(seq), data: { achievementId: 'a', providerId: 'p', jurisdiction: 'NZ' } } as FeedCloudEvent,
});

describe('WebhookSender', () => {
  let dir: string;
  let reads: ReadStore;
  let server: Server;
  let url: string;
  let answer = 200;
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-webhooks-'));
    reads = await openReadStore(`sqlite:${join(dir, 'read.db')}`);
    await reads.transaction(async (tx) => {
      for (const seq of [1, 2, 3]) await tx.put(FeedCollections.entries, entryId(partnerId, seq), entry(seq));
    });
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.statusCode = answer;
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });

  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await reads.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers the feed in order, each request signed per Standard Webhooks with the CloudEvent id', async () => {
    const sender = new WebhookSender(reads);
    expect(await sender.deliverDue({ partnerId, url, secret })).toBe(true);
    expect(received.map((r) => JSON.parse(r.body).sequence)).toEqual(['1', '2', '3']);
    for (const r of received) {
      const verified = new Webhook(secret).verify(r.body, { 'webhook-id': String(r.headers['webhook-id']), 'webhook-timestamp': String(r.headers['webhook-timestamp']), 'webhook-signature': String(r.headers['webhook-signature']) });
      expect(verified).toMatchObject({ id: r.headers['webhook-id'] });
    }
    expect(() => new Webhook(secret).verify(received[0].body.replace('"1"', '"9"'), {
      'webhook-id': String(received[0].headers['webhook-id']), 'webhook-timestamp': String(received[0].headers['webhook-timestamp']), 'webhook-signature': String(received[0].headers['webhook-signature']),
    })).toThrow();
    expect(await sender.status({ partnerId, url })).toMatchObject({ state: 'active', delivered: 3, consecutiveFailures: 0 });
  });

  it('backs off after a failure and disables the webhook after repeated failures, keeping the entry undelivered', async () => {
    await reads.transaction((tx) => tx.put(FeedCollections.entries, entryId(partnerId, 4), entry(4)));
    answer = 503;
    const sender = new WebhookSender(reads);
    const start = new Date();
    expect(await sender.deliverDue({ partnerId, url, secret }, start)).toBe(false);
    const first = await sender.status({ partnerId, url });
    expect(first).toMatchObject({ state: 'active', delivered: 3, consecutiveFailures: 1, lastError: { message: 'the endpoint answered 503' } });
    const sentBefore = received.length;
    // Not due yet: nothing is sent.
    await sender.deliverDue({ partnerId, url, secret }, start);
    expect(received.length).toBe(sentBefore);
    for (let i = 1; i < DISABLE_AFTER; i++) await sender.deliverDue({ partnerId, url, secret }, new Date(Date.now() + 24 * 3600_000));
    expect(await sender.status({ partnerId, url })).toMatchObject({ state: 'disabled', delivered: 3, consecutiveFailures: DISABLE_AFTER });
    answer = 200;
    expect(await sender.deliverDue({ partnerId, url, secret }, new Date(Date.now() + 48 * 3600_000))).toBe(false);
  });
});
