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

  it('limits public routes per address', async () => {
    const answers = await many(limit + 5, 16, () => from('127.0.0.4', app.url, '/health'));
    expect(answers.filter((a) => a.status === 429)).toHaveLength(5);
    expect429(answers.find((a) => a.status === 429)!, /this address/);
    expect((await from('127.0.0.5', app.url, '/health')).status).toBe(200);
  }, 60_000);
});
