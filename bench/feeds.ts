import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentialIdFor } from '@app/contracts';
import { AppProcess, eventually, issueItem, setUpProvider } from '@app/testing';

export interface FeedDeliveryResult {
  partners: number;
  events: number;
  /** Milliseconds from sending the ingest request (the event commits within it) to the partner's long poll answering with it. */
  p50: number;
  p99: number;
  /**
   * The part after identity resolution: from the LearnerCredentialLinked event's recordedAt (the
   * event the feed entry is routed from, its CloudEvent `time`) to receipt, on the same clock.
   */
  fromLink: { p50: number; p99: number };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/**
 * Feed delivery latency: `partners` partners registered for NZ credentials, each reading its
 * feed with a long poll (wait=30) on its own key, one learner consenting to all of them; then
 * `events` credentials issued to that learner one request at a time. Each partner's receipt of
 * each credential is one sample, from the moment its ingest request was sent.
 */
export async function feedDelivery(events: number, partners = 10): Promise<FeedDeliveryResult> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-feeds-'));
  const app = await AppProcess.start({ dataDir: dir, env: { LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '1000000' } });
  let stopped = false;
  try {
    const admin = app.adminKey();
    const { key, achievementId } = await setUpProvider(app, 'bench-feeds');
    const issue = async (ref: string) => {
      const res = await app.api('POST', '/v1/providers/bench-feeds/events', { key, body: { items: [issueItem(`src-${ref}`, ref, achievementId, '123456789')] } });
      if (res.status !== 207 || res.body.results[0].outcome !== 'accepted') throw new Error(`issue ${ref}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      return res.body.results[0].credentialId as string;
    };
    await issue('BF-0');
    const lookup = async () => (await app.api('POST', '/v1/learners/lookup', { key: admin, body: { identifiers: [{ scheme: 'NZ-NSN', value: '123456789' }] } })).body.learners ?? [];
    await eventually(async () => (await lookup()).length === 1, 15_000, 'identity resolution');
    const [{ learnerId }] = await lookup();

    const scope = { jurisdictions: ['NZ'], eventKinds: ['credential.issued'], purposes: ['employment-verification'] };
    const keys: string[] = [];
    for (let i = 0; i < partners; i++) {
      const partnerId = `bench-partner-${i}`;
      await app.api('POST', '/v1/partners', { key: admin, body: { partnerId, name: `Bench partner ${i}`, scope, deliveries: { kafka: false } } });
      keys.push((await app.api('POST', '/v1/api-keys', { key: admin, body: { role: 'partner', scope: { partnerId } } })).body.apiKey);
      await app.api('PUT', `/v1/learners/${learnerId}/consents/${partnerId}`, { key: admin, body: { purposes: ['employment-verification'] } });
    }

    const sentAt = new Map<string, number>();
    const samples: number[] = [];
    const routed: number[] = [];
    let received = 0;
    const pollers = keys.map(async (partnerKey, i) => {
      let after = 0;
      while (!stopped && received < events * partners) {
        const res = await app.api('GET', `/v1/feeds/bench-partner-${i}/events?after=${after}&limit=1000&wait=30`, { key: partnerKey });
        const now = performance.now();
        if (res.status !== 200) throw new Error(`feed: ${res.status}`);
        for (const e of res.body.events) {
          const sent = sentAt.get(e.data.credentialId);
          if (sent !== undefined) {
            samples.push(now - sent);
            routed.push(Date.now() - Date.parse(e.time));
            received++;
          }
        }
        after = res.body.next;
      }
    }).map((poller) => poller.catch((error: unknown) => {
      // A poll still waiting when the ledger stops fails with it; only a failure before that counts.
      if (!stopped) throw error;
    }));
    for (let n = 1; n <= events; n++) {
      const ref = `BF-${n}`;
      // Known before sending (derived from the provider and its ref): a fast poller may see the event before the ingest answers.
      sentAt.set(credentialIdFor('bench-feeds', ref), performance.now());
      await issue(ref);
      await new Promise((r) => setTimeout(r, 10));
    }
    await Promise.race([eventually(() => received >= events * partners, 60_000, 'every partner received every event'), ...pollers.map((p) => p.then(() => new Promise(() => undefined)))]);
    stopped = true;
    samples.sort((a, b) => a - b);
    routed.sort((a, b) => a - b);
    return { partners, events, p50: percentile(samples, 50), p99: percentile(samples, 99), fromLink: { p50: percentile(routed, 50), p99: percentile(routed, 99) } };
  } finally {
    stopped = true;
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
