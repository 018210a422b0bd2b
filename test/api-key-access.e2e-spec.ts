import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppProcess } from '@app/testing';

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

const agents = new Map<string, Agent>();

/** One request from a chosen loopback address (all of 127.0.0.0/8 reaches this host): the server tells clients apart by address. */
function from(address: string, url: string, path: string, options: { method?: string; key?: string; body?: unknown } = {}): Promise<RawAnswer> {
  let agent = agents.get(address);
  if (!agent) agents.set(address, (agent = new Agent({ keepAlive: true, maxSockets: 16 })));
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string> = { ...(options.key ? { authorization: `Bearer ${options.key}` } : {}), ...(payload ? { 'content-type': 'application/json' } : {}) };
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method: options.method ?? 'GET', headers, agent, localAddress: address }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? JSON.parse(text) : undefined });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** `count` requests, `concurrency` at a time. */
async function many(count: number, concurrency: number, one: () => Promise<RawAnswer>): Promise<RawAnswer[]> {
  const answers: RawAnswer[] = [];
  let started = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (started++ < count) answers.push(await one());
  }));
  return answers;
}

const wrongSecret = (apiKey: string) => `${apiKey.slice(0, -43)}${'A'.repeat(43)}`;
const expect429 = (answer: RawAnswer, detail: RegExp) => {
  expect(answer.status).toBe(429);
  expect(answer.headers['content-type']).toContain('application/problem+json');
  expect(answer.body).toMatchObject({ status: 429, code: 'RATE_LIMITED', detail: expect.stringMatching(detail) });
  expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
};

/**
 * Rate limits count only principals that proved their secret, failed authentication per
 * client address, public routes per address. Limits are lowered through the environment.
 */
describe('rate limits over HTTP', () => {
  const limit = 300;
  const failures = 20;
  let dir: string;
  let app: AppProcess;
  let admin: string;
  const providerId = `rl-${randomUUID().slice(0, 8)}`;
  const verification = `/v1/credentials/${randomUUID()}/verification`;

  const issueKey = async () => {
    const res = await app.api('POST', '/v1/api-keys', { key: admin, body: { role: 'provider', scope: { providerId } } });
    if (res.status !== 201) throw new Error(`issue key: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.apiKey as string;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-limits-'));
    app = await AppProcess.start({ dataDir: dir, env: { RATE_LIMIT_PER_MINUTE: String(limit), AUTH_FAILURES_PER_MINUTE: String(failures) } });
    admin = app.adminKey();
    const reg = await app.api('POST', '/v1/providers', { key: admin, body: { providerId, name: 'Rate limited', jurisdiction: 'NZ', kind: 'university' } });
    expect(reg.status).toBe(201);
  }, 60_000);

  afterAll(async () => {
    for (const agent of agents.values()) agent.destroy();
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("never charges a key for requests that carry its id with a wrong secret, and stops the sender's address instead", async () => {
    const key = await issueKey();
    const forged = wrongSecret(key);
    const flood = await many(limit + 100, 16, () => from('127.0.0.2', app.url, verification, { key: forged }));
    expect(flood.filter((a) => a.status === 401)).toHaveLength(failures);
    expect(flood.filter((a) => a.status === 429)).toHaveLength(limit + 100 - failures);
    expect429(flood.find((a) => a.status === 429)!, /failed authentications from this address/);

    // The real key is untouched: this is its first counted request, from the flooding address as from any other.
    const real = await from('127.0.0.2', app.url, verification, { key });
    expect(real.status).toBe(404);
    expect(real.headers['x-ratelimit-remaining']).toBe(String(limit - 1));
    expect((await from('127.0.0.1', app.url, verification, { key })).status).toBe(404);
    // Another address still gets a plain 401 for a bad key.
    expect((await from('127.0.0.3', app.url, verification, { key: forged })).status).toBe(401);
  }, 60_000);

  it('limits an authenticated key to its own budget, answering 429 with Retry-After', async () => {
    const key = await issueKey();
    const answers = await many(limit + 10, 16, () => from('127.0.0.1', app.url, verification, { key }));
    expect(answers.filter((a) => a.status === 404)).toHaveLength(limit);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(10);
    expect429(answers.find((a) => a.status === 429)!, /this API key/);
    // Other keys are not affected.
    expect((await from('127.0.0.1', app.url, verification, { key: await issueKey() })).status).toBe(404);
  }, 60_000);

  describe('when a request carries a body', () => {
    /** Announces a 4 MB body, sends 1 KB of it and waits: only an answer given without reading the body can arrive. */
    const unfinished = (address: string, key?: string): Promise<RawAnswer> => new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': 4_000_000, ...(key ? { authorization: `Bearer ${key}` } : {}) };
      const req = request(`${app.url}/v1/providers`, { method: 'POST', headers, localAddress: address }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        });
      });
      req.on('error', reject);
      req.write(`{"providerId":"${'x'.repeat(1000)}`);
    });

    it('refuses it without a valid key before reading it, as the access guard would', async () => {
      const none = await unfinished('127.0.0.6');
      expect(none.status).toBe(401);
      expect(none.headers['www-authenticate']).toBe('Bearer');
      expect(none.body).toMatchObject({ code: 'AUTH.UNAUTHENTICATED', instance: '/v1/providers' });
      const forged = await unfinished('127.0.0.6', wrongSecret(await issueKey()));
      expect(forged.body).toMatchObject({ status: 401, code: 'AUTH.UNAUTHENTICATED', detail: 'the API key is unknown or invalid' });
      // The same answer as a request without a body gets from the guard, but for the URL.
      const guarded = await from('127.0.0.7', app.url, '/v1/providers', { method: 'POST' });
      expect({ ...guarded.body, instance: undefined }).toEqual({ ...none.body, instance: undefined });
    });

    it('counts refused bodies as failed authentications of the address', async () => {
      const answers: RawAnswer[] = [];
      for (let i = 0; i < failures + 2; i++) answers.push(await unfinished('127.0.0.8'));
      expect(answers.filter((a) => a.status === 401)).toHaveLength(failures);
      expect429(answers[answers.length - 1], /failed authentications from this address/);
    });

    it('reads it for a valid key, which is then charged as usual', async () => {
      const key = await issueKey();
      const res = await from('127.0.0.9', app.url, `/v1/providers/${providerId}/events`, { method: 'POST', key, body: { items: [] } });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'items' })]));
      expect(res.headers['x-ratelimit-remaining']).toBe(String(limit - 1));
    });
  });

  it('limits public routes per address', async () => {
    const answers = await many(limit + 5, 16, () => from('127.0.0.4', app.url, '/health'));
    expect(answers.filter((a) => a.status === 429)).toHaveLength(5);
    expect429(answers.find((a) => a.status === 429)!, /this address/);
    expect((await from('127.0.0.5', app.url, '/health')).status).toBe(200);
  }, 60_000);
});
