import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppProcess, eventually, issueItem, sampleAchievement } from '@app/testing';

/**
 * Standing at issue over HTTP: a credential is judged on the provider's accreditation and the
 * achievement's approval as they stood on its issue date; a late-reported approval re-judges it
 * with the change in its history; the discrepancies the judgement calls for are raised by the
 * ledger itself, listed for regulators in their jurisdictions and resolved once.
 */
describe('standing at issue and discrepancies over HTTP', () => {
  let dir: string;
  let app: AppProcess;
  let admin: string;
  let nzBody: string;
  let nzProvider: string;
  let nzRegulator: string;
  let auRegulator: string;
  let achievementId: string;
  let early: string;
  let assured: string;
  const nz = 'sd-e2e-nz';

  const ok = (res: { status: number; body: unknown }, status: number) => {
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as any;
  };
  const standing = async (credentialId: string) => ok(await app.api('GET', `/v1/credentials/${credentialId}/standing`, { key: admin }), 200);
  const issue = async (ref: string, issuedAt: string): Promise<string> => {
    const item = issueItem(ref, ref, achievementId);
    const res = ok(await app.api('POST', `/v1/providers/${nz}/events`, { key: nzProvider, body: { items: [{ ...item, data: { ...item.data, issuedAt } }] } }), 207);
    expect(res.summary).toEqual({ accepted: 1, duplicate: 0, rejected: 0 });
    return res.results[0].credentialId;
  };
  const discrepancies = (key: string, query = '') => app.api('GET', `/v1/discrepancies?${query}`, { key });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-standing-'));
    app = await AppProcess.start({ dataDir: dir, env: { RAISE_DISCREPANCIES: 'on' } });
    admin = app.adminKey();
    const key = async (role: string, scope: object) => ok(await app.api('POST', '/v1/api-keys', { key: admin, body: { role, scope } }), 201).apiKey;
    ok(await app.api('POST', '/v1/providers', { key: admin, body: { providerId: nz, name: 'Provider NZ', jurisdiction: 'NZ', kind: 'university' } }), 201);
    ok(await app.api('POST', '/v1/qa-bodies', { key: admin, body: { qaBodyId: 'nzqa-sd', name: 'NZ QA body', jurisdictions: ['NZ'], frameworks: ['NZQCF'] } }), 201);
    ok(await app.api('POST', '/v1/policies/NZ', { key: admin }), 201);
    nzBody = await key('qa-body', { qaBodyId: 'nzqa-sd', jurisdictions: ['NZ'] });
    nzProvider = await key('provider', { providerId: nz });
    nzRegulator = await key('regulator', { jurisdictions: ['NZ'] });
    auRegulator = await key('regulator', { jurisdictions: ['AU'] });
    achievementId = ok(await app.api('POST', `/v1/providers/${nz}/achievements`, { key: nzProvider, body: { ...sampleAchievement, level: { framework: 'NZQCF', value: 6 } } }), 201).achievementId;

    // Issued before any QA decision, and before the accreditation window that is reported next.
    early = await issue('SD-EARLY', '2026-02-15T09:00:00Z');
    ok(await app.api('POST', '/v1/accreditations', {
      key: nzBody, body: { providerId: nz, scope: { framework: 'NZQCF', minLevel: 5, maxLevel: 7 }, validFrom: '2026-03-01T00:00:00Z', validUntil: '2027-01-01T00:00:00Z' },
    }), 201);
    ok(await app.api('POST', `/v1/achievements/${achievementId}/approvals`, {
      key: nzBody, body: { jurisdiction: 'NZ', level: { framework: 'NZQCF', value: 6 }, credits: { system: 'NZQCF-credit', value: 15 } },
    }), 201);
    assured = await issue('SD-ASSURED', '2026-04-15T09:00:00Z');
    await eventually(async () => (await app.api('GET', `/v1/credentials/${assured}/standing`, { key: admin })).status === 200, 10_000, 'standing projected');
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds a credential of an accredited provider with an approved achievement quality-assured', async () => {
    const answer = await standing(assured);
    expect(answer.standing).toMatchObject({
      qualityAssured: true, accreditation: { status: 'accredited', qaBodyId: 'nzqa-sd' },
      approval: { status: 'approved', jurisdiction: 'NZ', revision: 1, decidedRevision: 1 }, reasons: [],
    });
    expect(answer.standing.policy).toMatchObject({ jurisdiction: 'NZ' });
    expect(answer.history.map((h: { cause: string }) => h.cause)).toEqual(['CredentialIssued']);
  });

  it('re-judges an earlier credential on the late approval, keeping each judgement in its history', async () => {
    const answer = await standing(early);
    expect(answer.history.map((h: any) => [h.cause, h.standing.reasons.map((r: any) => r.code)])).toEqual([
      ['CredentialIssued', ['unaccredited-provider', 'unapproved-achievement']],
      ['AchievementApproved', ['unaccredited-provider']],
    ]);
    expect(answer.standing).toMatchObject({ qualityAssured: false, accreditation: { status: 'not-accredited' }, approval: { status: 'approved' } });
  });

  it('shows the same standing on verification, beside the normalised figures', async () => {
    const verified = ok(await app.api('GET', `/v1/credentials/${assured}/verification`, { key: admin }), 200);
    expect(verified.standing).toEqual(ok(await app.api('GET', `/v1/credentials/${assured}/standing`, { key: admin }), 200).standing);
    expect(verified.standing).toMatchObject({ qualityAssured: true });
    expect(verified.normalised).toBeDefined();
  });

  it('raises the discrepancies of the unaccredited credential, shown to regulators of its jurisdiction only', async () => {
    await eventually(async () => (await discrepancies(nzRegulator)).body.items?.length === 2, 10_000, 'discrepancies raised');
    const list = ok(await discrepancies(nzRegulator), 200);
    expect(list.items.map((d: any) => [d.kind, d.jurisdiction, d.status, d.subject])).toEqual(expect.arrayContaining([
      ['unaccredited-provider', 'NZ', 'open', { credentialId: early, providerId: nz, achievementId }],
      // Raised at issue, then closed by the ledger once the late approval made it moot (below).
      ['unapproved-achievement', 'NZ', expect.any(String), { credentialId: early, providerId: nz, achievementId }],
    ]));
    expect(ok(await discrepancies(nzRegulator, 'kind=unaccredited-provider'), 200).items).toHaveLength(1);
    expect(ok(await discrepancies(auRegulator), 200).items).toEqual([]);
    expect((await discrepancies(nzProvider)).status).toBe(403);
  });

  it('records a resolution once: a second is 409, and out of scope answers as absent', async () => {
    const [target] = ok(await discrepancies(nzRegulator, 'kind=unaccredited-provider'), 200).items;
    const resolve = (key: string, id: string) => app.api('POST', `/v1/discrepancies/${id}/resolution`, { key, body: { resolution: 'confirmed', reason: 'accreditation began after issue' } });
    const outside = await resolve(auRegulator, target.discrepancyId);
    const absent = await resolve(auRegulator, '00000000-0000-4000-8000-000000000000');
    expect(outside.status).toBe(404);
    expect({ ...outside.body, instance: undefined }).toEqual({ ...absent.body, instance: undefined });
    expect(ok(await resolve(nzRegulator, target.discrepancyId), 200)).toMatchObject({ discrepancyId: target.discrepancyId, resolution: 'confirmed', position: expect.any(Number) });
    const again = await resolve(admin, target.discrepancyId);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('DISCREPANCY.ALREADY_RESOLVED');
    await eventually(async () => (await discrepancies(admin, 'status=resolved&kind=unaccredited-provider')).body.items?.length === 1, 10_000, 'resolution projected');
    expect(ok(await discrepancies(admin, 'status=resolved&kind=unaccredited-provider'), 200).items[0]).toMatchObject({ discrepancyId: target.discrepancyId, resolution: 'confirmed', resolutionReason: 'accreditation began after issue' });
  });

  it('closes by itself the discrepancy the late approval made moot, as superseded, naming the approval', async () => {
    await eventually(async () => (await discrepancies(admin, 'status=resolved&kind=unapproved-achievement')).body.items?.length === 1, 10_000, 'superseded');
    const [moot] = ok(await discrepancies(nzRegulator, 'status=resolved&kind=unapproved-achievement'), 200).items;
    expect(moot).toMatchObject({ subject: { credentialId: early }, resolution: 'superseded', resolutionReason: expect.stringContaining('AchievementApproved (event ') });
    expect(ok(await discrepancies(nzRegulator, 'status=open'), 200).items).toEqual([]);
  });
});
