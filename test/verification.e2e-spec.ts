import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentialIdFor } from '@app/contracts';
import { AppProcess, eventually, issueItem, sampleAchievement } from '@app/testing';

/**
 * Step 8 items 3 and 4: verification shows the achievement revision in force at issue with
 * its figures normalised for cross-border use (EQF, hours, ECTS) beside the declared ones,
 * for a NZ credential (NZQCF level, NZ credits) and an EU one (EQF level, ECTS).
 */
describe('verification over HTTP', () => {
  let dir: string;
  let app: AppProcess;
  let admin: string;

  type Answer = { status: number; body: any };
  const ok = (res: Answer, status: number) => {
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const verify = (credentialId: string) => app.api('GET', `/v1/credentials/${credentialId}/verification`, { key: admin });

  /** A provider in `jurisdiction` with one achievement, and one credential issued under it. */
  const issueUnder = async (providerId: string, jurisdiction: string, achievement: object) => {
    ok(await app.api('POST', '/v1/providers', { key: admin, body: { providerId, name: `Provider ${providerId}`, jurisdiction, kind: 'university' } }), 201);
    const key = ok(await app.api('POST', '/v1/api-keys', { key: admin, body: { role: 'provider', scope: { providerId } } }), 201).apiKey;
    const { achievementId } = ok(await app.api('POST', `/v1/providers/${providerId}/achievements`, { key, body: achievement }), 201);
    const res = ok(await app.api('POST', `/v1/providers/${providerId}/events`, { key, body: { items: [issueItem(`${providerId}-1`, 'CERT-1', achievementId, 'holder-secret')] } }), 207);
    expect(res.summary).toEqual({ accepted: 1, duplicate: 0, rejected: 0 });
    const credentialId = credentialIdFor(providerId, 'CERT-1');
    await eventually(async () => (await verify(credentialId)).body.status === 'issued', 10_000, 'records projection');
    return ok(await verify(credentialId), 200);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-verification-'));
    app = await AppProcess.start({ dataDir: dir, env: { BUS: 'memory' } });
    admin = app.adminKey();
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('normalises a NZ credential: NZQCF 5 is EQF 5, declared hours, ECTS from hours', async () => {
    const answer = await issueUnder('verify-nz', 'NZ', sampleAchievement);
    expect(answer).toMatchObject({ status: 'issued', valid: true, achievement: { level: { framework: 'NZQCF', value: 5 }, workload: { hours: 150, credits: { system: 'NZQCF-credit', value: 15 } } } });
    expect(answer).not.toHaveProperty('unknownReason');
    expect(answer.normalised).toEqual({
      eqf: { level: 5, basis: 'NZQF-EQF comparability report 2016/17', source: expect.stringContaining('NZQA') },
      hours: { min: 150, max: 150, basis: 'declared' },
      ects: { min: 5, max: 6, basis: 'hours', source: expect.stringContaining('ECTS') },
    });
  });

  it('normalises an EU credential: EQF 6 as it is, declared ECTS kept', async () => {
    const answer = await issueUnder('verify-de', 'DE', { ...sampleAchievement, level: { framework: 'EQF', value: 6 }, workload: { hours: 140, credits: { system: 'ECTS', value: 5 } } });
    expect(answer.achievement).toMatchObject({ level: { framework: 'EQF', value: 6 }, workload: { hours: 140, credits: { system: 'ECTS', value: 5 } } });
    expect(answer.normalised).toEqual({
      eqf: { level: 6, basis: 'EQF is the pivot: identity', source: expect.stringContaining('2017/C 189/03') },
      hours: { min: 140, max: 140, basis: 'declared' },
      ects: { min: 5, max: 5, basis: 'declared', source: expect.stringContaining('ECTS') },
    });
  });

  it('answers 404 problem+json for a credential the log has never seen, as before', async () => {
    const res = await verify('0f0f0f0f-0f0f-4f0f-8f0f-0f0f0f0f0f0f');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ status: 404 });
  });
});
