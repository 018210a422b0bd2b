import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppProcess, eventually, issueItem, sampleAchievement } from '@app/testing';

type Answer = { status: number; body: any; contentType: string };

const ok = (res: { status: number; body: unknown }, status = 200) => {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as any;
};
/** "Outside your scope" answers exactly as "does not exist": same status, same problem. */
const expectSame = (outside: Answer, absent: Answer, status: number, code: string) => {
  expect(outside.status).toBe(status);
  expect(outside.contentType).toContain('application/problem+json');
  expect(outside.body.code).toBe(code);
  expect({ ...outside.body, instance: undefined }).toEqual({ ...absent.body, instance: undefined });
};
const fields = (res: Answer) => (res.body.errors ?? []).map((e: { field: string }) => e.field);

/** Providers, QA bodies and regulators read back what was written, each within its scope. */
describe('read-back routes over HTTP', () => {
  let dir: string;
  let app: AppProcess;
  let admin: string;
  let nzProvider: string;
  let auProvider: string;
  let nzRegulator: string;
  let nzBody: string;
  let auBody: string;
  let nzAccreditation: string;
  const nz = 'rb-nz';
  const nz2 = 'rb-nz-two';
  const au = 'rb-au';
  const refs = ['RB-1', 'RB-2', 'RB-3', 'RB/4'];
  const key = async (role: string, scope: object) => ok(await app.api('POST', '/v1/api-keys', { key: admin, body: { role, scope } }), 201).apiKey as string;
  const get = (path: string, k: string) => app.api('GET', path, { key: k });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-read-back-'));
    app = await AppProcess.start({ dataDir: dir });
    admin = app.adminKey();
    for (const [providerId, jurisdiction] of [[nz, 'NZ'], [nz2, 'NZ'], [au, 'AU']]) {
      ok(await app.api('POST', '/v1/providers', { key: admin, body: { providerId, name: `Provider ${providerId}`, jurisdiction, kind: 'university' } }), 201);
    }
    ok(await app.api('POST', '/v1/qa-bodies', { key: admin, body: { qaBodyId: 'rb-nzqa', name: 'NZ body', jurisdictions: ['NZ'], frameworks: ['NZQCF'] } }), 201);
    ok(await app.api('POST', '/v1/qa-bodies', { key: admin, body: { qaBodyId: 'rb-teqsa', name: 'AU body', jurisdictions: ['AU'], frameworks: ['AQF'] } }), 201);
    nzProvider = await key('provider', { providerId: nz });
    auProvider = await key('provider', { providerId: au });
    nzRegulator = await key('regulator', { jurisdictions: ['NZ'] });
    nzBody = await key('qa-body', { qaBodyId: 'rb-nzqa' });
    auBody = await key('qa-body', { qaBodyId: 'rb-teqsa' });
    const achievementId = ok(await app.api('POST', `/v1/providers/${nz}/achievements`, { key: nzProvider, body: sampleAchievement }), 201).achievementId;
    const items = refs.map((ref, i) => issueItem(`rb-${i}`, ref, achievementId));
    const batch = ok(await app.api('POST', `/v1/providers/${nz}/events`, { key: nzProvider, body: { items } }), 207);
    expect(batch.results.map((r: { outcome: string }) => r.outcome)).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
    ok(await app.api('POST', `/v1/providers/${nz}/events`, { key: nzProvider, body: { items: [{ sourceEventId: 'rb-rev', type: 'CredentialRevoked', data: { credentialRef: 'RB-2', reason: 'issued in error' } }] } }), 207);
    const window = { validFrom: '2026-03-01T00:00:00Z', validUntil: '2026-07-01T00:00:00Z' };
    nzAccreditation = ok(await app.api('POST', '/v1/accreditations', { key: nzBody, body: { providerId: nz, scope: { framework: 'NZQCF', minLevel: 5, maxLevel: 7 }, ...window } }), 201).accreditationId;
    ok(await app.api('POST', '/v1/accreditations', { key: auBody, body: { providerId: au, scope: { framework: 'AQF', minLevel: 5, maxLevel: 7 }, ...window } }), 201);
    await eventually(async () => (await get(`/v1/providers/${nz}/credentials?status=revoked`, admin)).body.items?.length === 1, 10_000, 'records projection');
    await eventually(async () => (await get('/v1/accreditations', admin)).body.items?.length === 2, 10_000, 'QA projection');
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('providers', () => {
    it('reads one provider back, and answers one outside the scope exactly as an unknown one', async () => {
      expect(ok(await get(`/v1/providers/${nz}`, nzProvider))).toMatchObject({ providerId: nz, name: `Provider ${nz}`, jurisdiction: 'NZ', kind: 'university', ledgerPosition: expect.any(Number) });
      expect(ok(await get(`/v1/providers/${nz}`, nzRegulator)).providerId).toBe(nz);
      expect(ok(await get(`/v1/providers/${nz}`, nzBody)).providerId).toBe(nz);
      expectSame(await get(`/v1/providers/${au}`, nzProvider), await get('/v1/providers/no-such-provider', nzProvider), 404, 'PROVIDER.NOT_FOUND');
      expectSame(await get(`/v1/providers/${au}`, nzRegulator), await get('/v1/providers/no-such-provider', nzRegulator), 404, 'PROVIDER.NOT_FOUND');
      expectSame(await get(`/v1/providers/${nz}`, auBody), await get('/v1/providers/no-such-provider', auBody), 404, 'PROVIDER.NOT_FOUND');
    });

    it('lists providers by jurisdiction a page at a time, each caller seeing only its scope', async () => {
      const ids = (body: { items: { providerId: string }[] }) => body.items.map((p) => p.providerId);
      expect(ids(ok(await get('/v1/providers', admin)))).toEqual([au, nz, nz2]);
      expect(ids(ok(await get('/v1/providers?jurisdiction=NZ', admin)))).toEqual([nz, nz2]);
      const first = ok(await get('/v1/providers?limit=1', nzRegulator));
      expect(ids(first)).toEqual([nz]);
      const second = ok(await get(`/v1/providers?limit=1&after=${first.next}`, nzRegulator));
      expect(ids(second)).toEqual([nz2]);
      expect(second.next).toBeUndefined();
      expect(ids(ok(await get('/v1/providers', nzProvider)))).toEqual([nz]);
      expect(ids(ok(await get('/v1/providers?jurisdiction=AU', nzRegulator)))).toEqual([]);
    });

    it.each([
      ['limit=0', 'limit'], ['limit=x', 'limit'], ['limit=1000', 'limit'], ['jurisdiction=nowhere', 'jurisdiction'], ['after=NOT A ID', 'after'], ['colour=red', 'colour'],
    ])('refuses ?%s naming %s', async (query, field) => {
      const res = await get(`/v1/providers?${query}`, admin);
      expect(res.status).toBe(400);
      expect(fields(res)).toContain(field);
    });
  });

  describe('credentials', () => {
    it('lists a provider’s credentials by status, a page at a time', async () => {
      const all = ok(await get(`/v1/providers/${nz}/credentials`, nzProvider));
      expect(all.items.map((c: { credentialRef: string }) => c.credentialRef).sort()).toEqual([...refs].sort());
      expect(all.items[0]).toMatchObject({ providerId: nz, status: expect.any(String), history: expect.any(Array) });
      const revoked = ok(await get(`/v1/providers/${nz}/credentials?status=revoked`, nzRegulator));
      expect(revoked.items).toEqual([expect.objectContaining({ credentialRef: 'RB-2', status: 'revoked', statusReason: 'issued in error' })]);
      const seen: string[] = [];
      let after: string | undefined;
      do {
        const page = ok(await get(`/v1/providers/${nz}/credentials?limit=3${after ? `&after=${after}` : ''}`, admin));
        seen.push(...page.items.map((c: { credentialRef: string }) => c.credentialRef));
        after = page.next;
      } while (after);
      expect(seen.sort()).toEqual([...refs].sort());
    });

    it('reads one back by the provider’s reference, even one with a slash', async () => {
      expect(ok(await get(`/v1/providers/${nz}/credentials/by-ref/RB-1`, nzProvider))).toMatchObject({ credentialRef: 'RB-1', status: 'issued', ledgerPosition: expect.any(Number) });
      expect(ok(await get(`/v1/providers/${nz}/credentials/by-ref/${encodeURIComponent('RB/4')}`, nzBody)).credentialRef).toBe('RB/4');
      const absent = await get(`/v1/providers/${nz}/credentials/by-ref/NO-SUCH`, nzProvider);
      expect(absent.status).toBe(404);
      expect(absent.body.code).toBe('CREDENTIAL.NOT_FOUND');
    });

    it('answers another provider’s credentials exactly as an unknown provider’s', async () => {
      expectSame(await get(`/v1/providers/${nz}/credentials`, auProvider), await get('/v1/providers/no-such-provider/credentials', auProvider), 404, 'PROVIDER.NOT_FOUND');
      expectSame(await get(`/v1/providers/${nz}/credentials/by-ref/RB-1`, auBody), await get('/v1/providers/no-such-provider/credentials/by-ref/RB-1', auBody), 404, 'PROVIDER.NOT_FOUND');
    });

    it('refuses bad query parameters naming the field', async () => {
      for (const [query, field] of [['status=lost', 'status'], ['after=42', 'after'], ['limit=-1', 'limit']]) {
        const res = await get(`/v1/providers/${nz}/credentials?${query}`, admin);
        expect(res.status).toBe(400);
        expect(fields(res)).toContain(field);
      }
      expect(fields(await get('/v1/providers/NOT_A_SLUG/credentials', admin))).toContain('providerId');
    });
  });

  describe('QA bodies and accreditations', () => {
    it('lists the QA bodies each caller may see', async () => {
      const ids = async (k: string) => ok(await get('/v1/qa-bodies', k)).items.map((b: { qaBodyId: string }) => b.qaBodyId);
      expect(await ids(admin)).toEqual(['rb-nzqa', 'rb-teqsa']);
      expect(await ids(nzRegulator)).toEqual(['rb-nzqa']);
      expect(await ids(auBody)).toEqual(['rb-teqsa']);
      expect((await get('/v1/qa-bodies', nzProvider)).status).toBe(403);
    });

    it('lists accreditations by provider and by body, within scope', async () => {
      const list = async (query: string, k: string) => ok(await get(`/v1/accreditations${query}`, k)).items;
      expect(await list(`?providerId=${nz}`, admin)).toEqual([expect.objectContaining({ accreditationId: nzAccreditation, qaBodyId: 'rb-nzqa', providerId: nz, decision: expect.any(Object), changes: [] })]);
      expect((await list('?qaBodyId=rb-teqsa', admin)).map((a: { providerId: string }) => a.providerId)).toEqual([au]);
      expect((await list('', nzRegulator)).map((a: { providerId: string }) => a.providerId)).toEqual([nz]);
      expect(await list('?qaBodyId=rb-teqsa', nzBody)).toEqual([]);
      expect(await list(`?providerId=${nz}`, auBody)).toEqual([]);
      for (const [query, field] of [['providerId=NO SLUG', 'providerId'], ['qaBodyId=X!', 'qaBodyId']]) {
        const res = await get(`/v1/accreditations?${query}`, admin);
        expect(res.status).toBe(400);
        expect(fields(res)).toContain(field);
      }
    });
  });

  describe('holder identifiers', () => {
    it('refuses an unknown scheme naming the field and the known schemes', async () => {
      const achievementId = ok(await get(`/v1/providers/${nz}/credentials/by-ref/RB-1`, admin)).achievementId;
      const item = issueItem('rb-bad-scheme', 'RB-BAD', achievementId);
      const res = ok(await app.api('POST', `/v1/providers/${nz}/events`, { key: nzProvider, body: { items: [{ ...item, data: { ...item.data, holder: { identifiers: [{ scheme: 'US-SSN', value: '078051120' }] } } }] } }), 207);
      expect(res.results[0].outcome).toBe('rejected');
      expect(res.results[0].errors).toEqual([expect.objectContaining({ field: 'items[0].data.holder.identifiers[0].scheme', message: expect.stringContaining('NZ-NSN, AU-USI, EU-ESI, EMAIL') })]);
    });
  });
});
