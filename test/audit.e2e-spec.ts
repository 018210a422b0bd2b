import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentialIdFor } from '@app/contracts';
import { openEventStore } from '@app/event-store';
import { leafInput } from '@app/ledger-crypto';
import { AppProcess, eventually, issueItem, sampleAchievement } from '@app/testing';

/**
 * Issue 12 item 1 (and the export of item 3): the audit trail over HTTP against the built app.
 * Filters, cursor paging while the log grows, a NZ regulator seeing no AU event, NDJSON
 * streaming, and the admin's export whose line k is leaf k's input exactly.
 */
describe('the audit API over HTTP', () => {
  let dir: string;
  let app: AppProcess;
  let admin: string;
  let nzRegulator: string;
  let auRegulator: string;
  const keys: Record<string, string> = {};

  type Answer = { status: number; body: any };
  const ok = (res: Answer, status = 200) => {
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const raw = async (path: string, key: string, accept = 'application/x-ndjson') => {
    const res = await fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${key}`, accept } });
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
  };
  const ndjson = async (path: string, key: string) => {
    const res = await raw(path, key);
    expect(res.status).toBe(200);
    expect(res.contentType).toContain('application/x-ndjson');
    return res.bytes.toString('utf8').split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l));
  };
  const issue = async (providerId: string, refs: string[], holder = 'holder-a') => {
    const achievementId = keys[`${providerId}:achievement`];
    const body = { items: refs.map((ref) => issueItem(`${providerId}-${ref}`, ref, achievementId, holder)) };
    const res = ok(await app.api('POST', `/v1/providers/${providerId}/events`, { key: keys[providerId], body, headers: { 'x-correlation-id': `corr-${providerId}-${refs[0]}` } }), 207);
    expect(res.summary.accepted).toBe(refs.length);
  };
  const storedLog = async () => {
    // A separate read of the events.db file, with the event-store lib, as stored.
    const store = await openEventStore(`sqlite:${join(dir, 'events.db')}`);
    try {
      const all: Awaited<ReturnType<typeof store.readAll>> = [];
      for (;;) {
        const batch = await store.readAll({ after: all.length > 0 ? all[all.length - 1].position : 0, maxCount: 5000, stored: true });
        if (batch.length === 0) return all;
        all.push(...batch);
      }
    } finally {
      await store.close();
    }
  };
  /** Every event the admin sees through JSON pages of `limit`. */
  const pageAll = async (query: string, key: string, limit: number) => {
    const items: any[] = [];
    let after = '';
    for (;;) {
      const page = ok(await app.api('GET', `/v1/audit/events?limit=${limit}${query}${after ? `&after=${after}` : ''}`, { key }));
      items.push(...page.items);
      after = page.next;
      if (!page.more) return { items, next: page.next };
    }
  };
  const caughtUp = async () => {
    let counts: number[] = [];
    await eventually(async () => {
      counts = [(await storedLog()).length, (await pageAll('', admin, 10_000)).items.length];
      return counts[0] === counts[1];
    }, 30_000, 'audit index caught up').catch((error: Error) => { throw new Error(`${error.message}: log ${counts[0]}, audit ${counts[1]}`); });
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-audit-'));
    app = await AppProcess.start({ dataDir: dir, env: { BUS: 'memory', RAISE_DISCREPANCIES: 'on' } });
    admin = app.adminKey();
    const key = async (role: string, scope: object) => ok(await app.api('POST', '/v1/api-keys', { key: admin, body: { role, scope } }), 201).apiKey as string;
    nzRegulator = await key('regulator', { jurisdictions: ['NZ'] });
    auRegulator = await key('regulator', { jurisdictions: ['AU'] });
    for (const [providerId, jurisdiction] of [['audit-nz', 'NZ'], ['audit-au', 'AU']]) {
      ok(await app.api('POST', '/v1/providers', { key: admin, body: { providerId, name: `Provider ${providerId}`, jurisdiction, kind: 'university' } }), 201);
      keys[providerId] = await key('provider', { providerId });
      keys[`${providerId}:achievement`] = ok(await app.api('POST', `/v1/providers/${providerId}/achievements`, { key: keys[providerId], body: sampleAchievement }), 201).achievementId;
    }
    await issue('audit-nz', ['NZ-1', 'NZ-2']);
    await issue('audit-au', ['AU-1'], 'holder-b');
    ok(await app.api('POST', '/v1/providers/audit-nz/events', { key: keys['audit-nz'], body: { items: [{ sourceEventId: 'audit-nz-s1', type: 'CredentialSuspended', data: { credentialRef: 'NZ-1', reason: 'investigation' } }] } }), 207);
    await caughtUp();
  }, 90_000);
  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows a NZ regulator none of AU\'s events, and the AU regulator its own', async () => {
    const nz = await ndjson('/v1/audit/events', nzRegulator);
    const au = await ndjson('/v1/audit/events', auRegulator);
    const auCredential = credentialIdFor('audit-au', 'AU-1');
    expect(nz.some((e) => e.type === 'CredentialIssued' && e.data.providerId === 'audit-nz')).toBe(true);
    expect(nz.filter((e) => JSON.stringify(e).includes('audit-au') || JSON.stringify(e).includes(auCredential))).toEqual([]);
    expect(au.some((e) => e.data.credentialId === auCredential)).toBe(true);
    expect(au.filter((e) => JSON.stringify(e).includes('audit-nz'))).toEqual([]);
    expect(ok(await app.api('GET', '/v1/audit/events?jurisdiction=AU', { key: nzRegulator })).items).toEqual([]);
    // Out of scope answers as absent.
    const absent = await app.api('GET', '/v1/audit/streams/credential-0f0f0f0f-0f0f-4f0f-8f0f-0f0f0f0f0f0f', { key: nzRegulator });
    const outOfScope = await app.api('GET', `/v1/audit/streams/credential-${auCredential}`, { key: nzRegulator });
    expect([absent.status, outOfScope.status]).toEqual([404, 404]);
    const { instance: _a, ...absentProblem } = absent.body;
    const { instance: _b, ...outOfScopeProblem } = outOfScope.body;
    expect(outOfScopeProblem).toEqual(absentProblem);
    expect(ok(await app.api('GET', '/v1/audit/export', { key: nzRegulator })).toString()).not.toContain('audit-au');
  });

  it('filters by provider, credential, type, learner and time, each item the stored event with its leaf index, actor, channel and ids', async () => {
    const nz1 = credentialIdFor('audit-nz', 'NZ-1');
    const byCredential = ok(await app.api('GET', `/v1/audit/events?credentialId=${nz1}`, { key: admin })).items;
    expect(byCredential.map((e: any) => e.type)).toEqual(expect.arrayContaining(['CredentialIssued', 'CredentialSuspended', 'DiscrepancyRaised']));
    const issued = byCredential.find((e: any) => e.type === 'CredentialIssued');
    expect(issued).toMatchObject({ streamId: `credential-${nz1}`, revision: 0, channel: 'http', actor: { role: 'provider' }, correlationId: 'corr-audit-nz-NZ-1', causationId: null });
    const stored = await storedLog();
    const k = stored.findIndex((e) => e.position === issued.position);
    expect(issued.leafIndex).toBe(k);
    expect({ streamId: issued.streamId, revision: issued.revision, type: issued.type, data: issued.data, metadata: issued.metadata })
      .toEqual({ streamId: stored[k].streamId, revision: stored[k].revision, type: stored[k].type, data: stored[k].data, metadata: stored[k].metadata });

    // The chain: the discrepancy names the issue event as its cause and carries its correlation id.
    const raised = byCredential.find((e: any) => e.type === 'DiscrepancyRaised');
    expect(raised).toMatchObject({ channel: 'internal', actor: { role: 'system' }, causationId: issued.metadata.eventId, correlationId: 'corr-audit-nz-NZ-1' });

    const byProvider = (await pageAll('&providerId=audit-au', admin, 2)).items;
    expect(byProvider.length).toBeGreaterThan(2);
    expect(byProvider.filter((e: any) => !JSON.stringify(e.data).includes('audit-au') && !JSON.stringify(e.data).includes(credentialIdFor('audit-au', 'AU-1')))).toEqual([]);
    expect(ok(await app.api('GET', '/v1/audit/events?type=CredentialSuspended', { key: admin })).items.map((e: any) => e.data.credentialRef)).toEqual(['NZ-1']);

    const linked = ok(await app.api('GET', `/v1/audit/events?type=LearnerCredentialLinked&credentialId=${nz1}`, { key: admin })).items;
    expect(linked).toHaveLength(1);
    expect(linked[0]).toMatchObject({ channel: 'internal', causationId: issued.metadata.eventId });
    const learnerEvents = ok(await app.api('GET', `/v1/audit/events?learnerId=${linked[0].data.learnerId}`, { key: admin })).items;
    expect(learnerEvents.map((e: any) => e.type)).toEqual(expect.arrayContaining(['CredentialIssued', 'LearnerCredentialLinked', 'CredentialSuspended']));
    expect(learnerEvents.some((e: any) => e.data.providerId === 'audit-au')).toBe(false);

    const suspended = byCredential.find((e: any) => e.type === 'CredentialSuspended');
    const from = encodeURIComponent(suspended.metadata.recordedAt);
    const since = ok(await app.api('GET', `/v1/audit/events?credentialId=${nz1}&from=${from}`, { key: admin })).items;
    expect(since[0].position).toBeGreaterThanOrEqual(suspended.position);
    expect(since.every((e: any) => e.metadata.recordedAt >= suspended.metadata.recordedAt)).toBe(true);
    expect(ok(await app.api('GET', `/v1/audit/events?credentialId=${nz1}&to=2020-01-01`, { key: admin })).items).toEqual([]);
  });

  it('pages with cursors while appends continue, never repeating or skipping an event', async () => {
    const seen: number[] = [];
    let after = '';
    let appending = true;
    const appends = (async () => {
      for (let i = 0; i < 8; i++) await issue('audit-nz', Array.from({ length: 15 }, (_, j) => `P${i}-${j}`), `pager-${i}`);
      appending = false;
    })();
    while (appending) {
      const page = ok(await app.api('GET', `/v1/audit/events?limit=7${after ? `&after=${after}` : ''}`, { key: admin }));
      seen.push(...page.items.map((e: any) => e.position));
      after = page.next;
    }
    await appends;
    await caughtUp();
    const rest = (await (async () => {
      const items: number[] = [];
      for (;;) {
        const page = ok(await app.api('GET', `/v1/audit/events?limit=7&after=${after}`, { key: admin }));
        items.push(...page.items.map((e: any) => e.position));
        after = page.next;
        if (!page.more) return items;
      }
    })());
    seen.push(...rest);
    expect(seen).toEqual((await storedLog()).map((e) => e.position));
    // Polling with the last cursor later answers only what came after it.
    await issue('audit-nz', ['LATE-1']);
    await caughtUp();
    const later = ok(await app.api('GET', `/v1/audit/events?after=${after}&limit=1000`, { key: admin })).items;
    expect(later[0].position).toBeGreaterThan(seen[seen.length - 1]);
  }, 90_000);

  it('streams the whole result as NDJSON, the same events the JSON pages give', async () => {
    const streamed = await ndjson('/v1/audit/events?providerId=audit-nz&limit=1', admin);
    const paged = (await pageAll('&providerId=audit-nz', admin, 50)).items;
    expect(streamed.length).toBeGreaterThan(100);
    expect(streamed).toEqual(paged);
    const stream = await ndjson(`/v1/audit/streams/credential-${credentialIdFor('audit-nz', 'NZ-1')}`, nzRegulator);
    expect(stream.map((e) => [e.revision, e.type])).toEqual([[0, 'CredentialIssued'], [1, 'CredentialSuspended']]);
  });

  it("exports the whole log for an admin: line k is the leaf input of the k-th stored event, as bytes", async () => {
    const res = await raw('/v1/audit/export', admin, '*/*');
    expect(res.status).toBe(200);
    expect(res.contentType).toContain('application/x-ndjson');
    expect(res.headers.get('ledger-export')).toBe('full');
    const stored = await storedLog();
    const lines: Buffer[] = [];
    let start = 0;
    for (let i = 0; i < res.bytes.length; i++) if (res.bytes[i] === 0x0a) { lines.push(res.bytes.subarray(start, i)); start = i + 1; }
    expect(start).toBe(res.bytes.length);
    expect(lines.length).toBe(stored.length);
    lines.forEach((line, k) => { if (!line.equals(leafInput(stored[k]))) throw new Error(`line ${k} is not leaf ${k}`); });

    const regulator = await raw('/v1/audit/export', nzRegulator, '*/*');
    expect(regulator.headers.get('ledger-export')).toBe('filtered');
    const regulatorLines = regulator.bytes.toString('utf8').trim().split('\n');
    expect(regulatorLines.length).toBeLessThan(lines.length);
    expect(regulatorLines.every((l) => !l.includes('audit-au'))).toBe(true);
  });

  it('answers a stream and its state as of an instant, folded where records has an evolve', async () => {
    const nz1 = credentialIdFor('audit-nz', 'NZ-1');
    const history = ok(await app.api('GET', `/v1/audit/streams/credential-${nz1}`, { key: admin })).items;
    expect(history.map((e: any) => e.type)).toEqual(['CredentialIssued', 'CredentialSuspended']);
    const before = ok(await app.api('GET', `/v1/audit/streams/credential-${nz1}/state?asOf=${encodeURIComponent(history[0].metadata.recordedAt)}`, { key: nzRegulator }));
    expect(before).toMatchObject({ revision: 0, state: { status: 'issued' } });
    expect(before.events).toHaveLength(1);
    const now = ok(await app.api('GET', `/v1/audit/streams/credential-${nz1}/state?asOf=${encodeURIComponent(new Date().toISOString())}`, { key: admin }));
    expect(now).toMatchObject({ revision: 1, state: { status: 'suspended' } });
    const discrepancy = ok(await app.api('GET', `/v1/audit/events?type=DiscrepancyRaised&credentialId=${nz1}`, { key: admin })).items[0];
    const folded = ok(await app.api('GET', `/v1/audit/streams/${discrepancy.streamId}/state?asOf=2099-01-01`, { key: admin }));
    expect(folded.state).toMatchObject({ raised: { kind: discrepancy.data.kind } });
    expect(ok(await app.api('GET', `/v1/audit/streams/credential-${nz1}/state?asOf=2000-01-01`, { key: admin }))).toMatchObject({ revision: null, events: [], state: null });
  });

  it.each([
    ['a cursor that is not one', '/v1/audit/events?after=not-a-cursor!', 'after'],
    ['a forged cursor', `/v1/audit/events?after=${Buffer.from('x:1').toString('base64url')}`, 'after'],
    ['from after to', '/v1/audit/events?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'from'],
    ['limit 0', '/v1/audit/events?limit=0', 'limit'],
    ['limit 10001', '/v1/audit/events?limit=10001', 'limit'],
    ['an unknown type', '/v1/audit/events?type=CredentialStolen', 'type'],
    ['a bad learnerId', '/v1/audit/events?learnerId=me', 'learnerId'],
    ['a bad stream id', '/v1/audit/streams/Not%20A%20Stream', 'streamId'],
    ['a state without asOf', '/v1/audit/streams/credential-x/state', 'asOf'],
  ])('refuses %s with 400 naming the field', async (_name, path, field) => {
    for (const accept of ['application/json', 'application/x-ndjson']) {
      const res = await app.api('GET', path, { key: admin, headers: { accept } });
      expect(res.status).toBe(400);
      expect(res.contentType).toContain('application/problem+json');
      expect(res.body.errors.map((e: any) => e.field)).toContain(field);
    }
  });

  it('refuses the audit to roles other than admin and regulator', async () => {
    for (const path of ['/v1/audit/events', '/v1/audit/export', `/v1/audit/streams/provider-audit-nz`]) {
      expect((await app.api('GET', path, { key: keys['audit-nz'] })).status).toBe(403);
    }
  });
});
