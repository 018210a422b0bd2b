import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppProcess, eventually, sampleAchievement } from '@app/testing';

type Answer = { status: number; body: any; contentType: string };

const ok = (res: { status: number; body: unknown }, status: number) => {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as any;
};
/** One answer for "outside your scope" and "does not exist": same status, same problem, only the URL differs. */
const expectSame = (outside: Answer, absent: Answer, status: number, code: string) => {
  expect(outside.status).toBe(status);
  expect(outside.contentType).toContain('application/problem+json');
  expect(outside.body.code).toBe(code);
  expect({ ...outside.body, instance: undefined }).toEqual({ ...absent.body, instance: undefined });
};

/** Every key carries its role's scope, and nothing outside it can be seen, changed or told apart from nothing. */
describe('access scope over HTTP', () => {
  let dir: string;
  let app: AppProcess;
  let admin: string;
  let nzBody: string;
  let auBody: string;
  let nzRegulator: string;
  let achievementId: string;
  let nzAccreditation: string;
  let auAccreditation: string;
  const nz = 'scope-nz';
  const au = 'scope-au';
  const unknownId = randomUUID();
  const key = async (role: string, scope?: object) => app.api('POST', '/v1/api-keys', { key: admin, body: { role, ...(scope ? { scope } : {}) } });
  const window = { validFrom: '2026-03-01T00:00:00Z', validUntil: '2026-07-01T00:00:00Z' };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-scope-'));
    app = await AppProcess.start({ dataDir: dir });
    admin = app.adminKey();
    for (const [providerId, jurisdiction] of [[nz, 'NZ'], [au, 'AU']]) {
      ok(await app.api('POST', '/v1/providers', { key: admin, body: { providerId, name: providerId, jurisdiction, kind: 'university' } }), 201);
    }
    ok(await app.api('POST', '/v1/qa-bodies', { key: admin, body: { qaBodyId: 'scope-nzqa', name: 'NZ body', jurisdictions: ['NZ'], frameworks: ['NZQCF'] } }), 201);
    ok(await app.api('POST', '/v1/qa-bodies', { key: admin, body: { qaBodyId: 'scope-teqsa', name: 'AU body', jurisdictions: ['AU'], frameworks: ['AQF'] } }), 201);
    for (const j of ['NZ', 'AU']) ok(await app.api('POST', `/v1/policies/${j}`, { key: admin }), 201);
    nzBody = ok(await key('qa-body', { qaBodyId: 'scope-nzqa' }), 201).apiKey;
    const auIssued = ok(await key('qa-body', { qaBodyId: 'scope-teqsa' }), 201);
    expect(auIssued.scope).toEqual({ qaBodyId: 'scope-teqsa', jurisdictions: ['AU'] });
    auBody = auIssued.apiKey;
    nzRegulator = ok(await key('regulator', { jurisdictions: ['NZ'] }), 201).apiKey;
    const nzProvider = ok(await key('provider', { providerId: nz }), 201).apiKey;
    achievementId = ok(await app.api('POST', `/v1/providers/${nz}/achievements`, { key: nzProvider, body: { ...sampleAchievement, level: { framework: 'NZQCF', value: 6 } } }), 201).achievementId;
    ok(await app.api('POST', `/v1/achievements/${achievementId}/approvals`, { key: nzBody, body: { jurisdiction: 'NZ', level: { framework: 'NZQCF', value: 6 } } }), 201);
    ok(await app.api('POST', `/v1/achievements/${achievementId}/approvals`, { key: auBody, body: { jurisdiction: 'AU' } }), 201);
    nzAccreditation = ok(await app.api('POST', '/v1/accreditations', { key: nzBody, body: { providerId: nz, scope: { framework: 'NZQCF', minLevel: 5, maxLevel: 7 }, ...window } }), 201).accreditationId;
    auAccreditation = ok(await app.api('POST', '/v1/accreditations', { key: auBody, body: { providerId: au, scope: { framework: 'AQF', minLevel: 5, maxLevel: 7 }, ...window } }), 201).accreditationId;
    await eventually(async () => (await app.api('GET', `/v1/providers/${au}/standing`, { key: admin })).status === 200, 10_000, 'standing projection');
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('when an admin issues keys', () => {
    it.each([
      ['a regulator key without jurisdictions', 'regulator', {}, 'scope.jurisdictions'],
      ['a regulator key with no jurisdiction', 'regulator', { jurisdictions: [] }, 'scope.jurisdictions'],
      ['a regulator key with jurisdictions as a string', 'regulator', { jurisdictions: 'NZ' }, 'scope.jurisdictions'],
      ['a regulator key with a bad jurisdiction', 'regulator', { jurisdictions: ['NZ', 'nowhere'] }, 'scope.jurisdictions'],
      ['a provider key without providerId', 'provider', {}, 'scope.providerId'],
      ['a qa-body key without qaBodyId', 'qa-body', { jurisdictions: ['NZ'] }, 'scope.qaBodyId'],
      ['a partner key without partnerId', 'partner', {}, 'scope.partnerId'],
      ['an admin key with a scope', 'admin', { providerId: nz }, 'scope.providerId'],
      ['a provider key with jurisdictions', 'provider', { providerId: nz, jurisdictions: ['NZ'] }, 'scope.jurisdictions'],
      ['a learner key without learnerId', 'learner', {}, 'scope.learnerId'],
      ['a learner key for no learner', 'learner', { learnerId: unknownId }, 'scope.learnerId'],
    ])('refuses %s, naming the field', async (_name, role, scope, field) => {
      const res = await key(role, scope);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    });
  });

  describe('when a QA body reaches into another jurisdiction', () => {
    it('gets one answer for withdrawing an approval there, whether or not it exists', async () => {
      const body = { reason: 'not ours' };
      const existing = await app.api('POST', `/v1/achievements/${achievementId}/approvals/NZ/withdrawal`, { key: auBody, body });
      const missing = await app.api('POST', `/v1/achievements/${unknownId}/approvals/NZ/withdrawal`, { key: auBody, body });
      expectSame(existing, missing, 403, 'AUTH.FORBIDDEN');
      expect((await app.api('GET', `/v1/achievements/${achievementId}/approvals`, { key: admin })).body.approvals.find((a: { jurisdiction: string }) => a.jurisdiction === 'NZ').status).toBe('approved');
    });

    it("lists only approvals in the body's jurisdictions", async () => {
      const jurisdictions = async (k: string) => ok(await app.api('GET', `/v1/achievements/${achievementId}/approvals`, { key: k }), 200).approvals.map((a: { jurisdiction: string }) => a.jurisdiction).sort();
      expect(await jurisdictions(admin)).toEqual(['AU', 'NZ']);
      expect(await jurisdictions(auBody)).toEqual(['AU']);
      expect(await jurisdictions(nzBody)).toEqual(['NZ']);
      expect(await jurisdictions(nzRegulator)).toEqual(['NZ']);
    });
  });

  describe('when a regulator limited to NZ reads', () => {
    it("reads an NZ provider's standing and is answered about an AU provider as about an unknown one", async () => {
      expect(ok(await app.api('GET', `/v1/providers/${nz}/standing`, { key: nzRegulator }), 200).providerId).toBe(nz);
      expectSame(await app.api('GET', `/v1/providers/${au}/standing`, { key: nzRegulator }), await app.api('GET', '/v1/providers/no-such-provider/standing', { key: nzRegulator }), 404, 'PROVIDER.NOT_FOUND');
    });

    it('reads accreditations and QA bodies of NZ only, the others answering as unknown ones', async () => {
      expect(ok(await app.api('GET', `/v1/accreditations/${nzAccreditation}`, { key: nzRegulator }), 200).providerId).toBe(nz);
      expectSame(
        await app.api('GET', `/v1/accreditations/${auAccreditation}`, { key: nzRegulator }),
        await app.api('GET', `/v1/accreditations/${unknownId}`, { key: nzRegulator }),
        404, 'ACCREDITATION.NOT_FOUND',
      );
      expect(ok(await app.api('GET', '/v1/qa-bodies/scope-nzqa', { key: nzRegulator }), 200).qaBodyId).toBe('scope-nzqa');
      expectSame(await app.api('GET', '/v1/qa-bodies/scope-teqsa', { key: nzRegulator }), await app.api('GET', '/v1/qa-bodies/no-such-body', { key: nzRegulator }), 404, 'QA_BODY.NOT_FOUND');
      expectSame(await app.api('GET', '/v1/qa-bodies/scope-nzqa', { key: auBody }), await app.api('GET', '/v1/qa-bodies/no-such-body', { key: auBody }), 404, 'QA_BODY.NOT_FOUND');
    });
  });

  it('shows who decided an accreditation by role and body, never by key id', async () => {
    const answer = ok(await app.api('GET', `/v1/providers/${nz}/standing?date=2026-04-01`, { key: admin }), 200);
    expect(answer.accreditedBy[0].decision.actor).toEqual({ role: 'qa-body', qaBodyId: 'scope-nzqa' });
    expect(JSON.stringify(answer)).not.toContain(nzBody.split('_')[1]);
  });
});
