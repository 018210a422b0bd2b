import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppProcess, eventually, issueItem, sampleAchievement } from '@app/testing';

/**
 * Quality assurance over HTTP: accreditation windows and scopes answer "was the provider
 * accredited for this level on the day it issued?", QA bodies stay inside their
 * jurisdictions, bad references are 400s naming the field, and declines list every rule.
 */
describe('quality assurance over HTTP', () => {
  let dir: string;
  let app: AppProcess;
  let admin: string;
  let nzBody: string;
  let auBody: string;
  let nzProvider: string;
  let auProvider: string;
  let level6: string;
  let level8: string;
  let accreditationId: string;
  const nz = 'qa-e2e-nz';
  const au = 'qa-e2e-au';

  const ok = (res: { status: number; body: unknown }, status: number) => {
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as any;
  };
  const standing = (key: string, providerId: string, query: string) => app.api('GET', `/v1/providers/${providerId}/standing?${query}`, { key });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-qa-'));
    app = await AppProcess.start({ dataDir: dir });
    admin = app.adminKey();
    for (const [providerId, jurisdiction] of [[nz, 'NZ'], [au, 'AU']]) {
      ok(await app.api('POST', '/v1/providers', { key: admin, body: { providerId, name: `Provider ${providerId}`, jurisdiction, kind: 'university' } }), 201);
    }
    ok(await app.api('POST', '/v1/qa-bodies', { key: admin, body: { qaBodyId: 'nzqa-e2e', name: 'NZ QA body', jurisdictions: ['NZ'], frameworks: ['NZQCF'] } }), 201);
    ok(await app.api('POST', '/v1/qa-bodies', { key: admin, body: { qaBodyId: 'teqsa-e2e', name: 'AU QA body', jurisdictions: ['AU'], frameworks: ['AQF'] } }), 201);
    nzBody = ok(await app.api('POST', '/v1/api-keys', { key: admin, body: { role: 'qa-body', scope: { qaBodyId: 'nzqa-e2e', jurisdictions: ['NZ'] } } }), 201).apiKey;
    auBody = ok(await app.api('POST', '/v1/api-keys', { key: admin, body: { role: 'qa-body', scope: { qaBodyId: 'teqsa-e2e' } } }), 201).apiKey;
    nzProvider = ok(await app.api('POST', '/v1/api-keys', { key: admin, body: { role: 'provider', scope: { providerId: nz } } }), 201).apiKey;
    auProvider = ok(await app.api('POST', '/v1/api-keys', { key: admin, body: { role: 'provider', scope: { providerId: au } } }), 201).apiKey;
    for (const j of ['NZ', 'AU']) ok(await app.api('POST', `/v1/policies/${j}`, { key: admin }), 201);
    const define = async (value: number) =>
      ok(await app.api('POST', `/v1/providers/${nz}/achievements`, { key: nzProvider, body: { ...sampleAchievement, title: `Level ${value}`, level: { framework: 'NZQCF', value } } }), 201).achievementId;
    level6 = await define(6);
    level8 = await define(8);
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('when a provider is accredited for NZQCF 5-7 from March to June', () => {
    const issuedAt = { before: '2026-02-15T09:00:00Z', during: '2026-04-15T09:00:00Z', after: '2026-07-15T09:00:00Z', level8: '2026-04-20T09:00:00Z' };

    beforeAll(async () => {
      const accredited = ok(await app.api('POST', '/v1/accreditations', {
        key: nzBody,
        body: { providerId: nz, scope: { framework: 'NZQCF', minLevel: 5, maxLevel: 7 }, validFrom: '2026-03-01T00:00:00Z', validUntil: '2026-07-01T00:00:00Z', decisionRef: 'board-2026-02' },
      }), 201);
      accreditationId = accredited.accreditationId;
      const item = (id: string, achievementId: string, at: string) => ({ ...issueItem(id, id, achievementId), data: { ...issueItem(id, id, achievementId).data, issuedAt: at } });
      const res = ok(await app.api('POST', `/v1/providers/${nz}/events`, {
        key: nzProvider,
        body: { items: [item('QA-BEFORE', level6, issuedAt.before), item('QA-DURING', level6, issuedAt.during), item('QA-AFTER', level6, issuedAt.after), item('QA-L8', level8, issuedAt.level8)] },
      }), 207);
      expect(res.summary).toEqual({ accepted: 4, duplicate: 0, rejected: 0 });
      await eventually(async () => (await standing(admin, nz, 'date=2026-04-01')).body.accreditations?.length === 1, 10_000, 'standing projection');
    }, 30_000);

    it.each([
      ['before the window', 'before', 6, false, 'not-yet-valid'],
      ['inside the window', 'during', 6, true, 'active'],
      ['after the window', 'after', 6, false, 'expired'],
      ['at level 8, outside the scope', 'level8', 8, false, 'active'],
    ] as const)('answers a credential issued %s', async (_name, when, level, accredited, status) => {
      const answer = ok(await standing(admin, nz, `level=${level}&framework=NZQCF&date=${issuedAt[when]}`), 200);
      expect(answer).toMatchObject({ providerId: nz, date: issuedAt[when], accredited });
      expect(answer.accreditations[0]).toMatchObject({ accreditationId, status, inScope: level <= 7 });
      if (accredited) {
        expect(answer.accreditedBy).toEqual([expect.objectContaining({
          accreditationId, qaBodyId: 'nzqa-e2e', qaBodyName: 'NZ QA body', decisionRef: 'board-2026-02',
          decision: expect.objectContaining({ eventId: expect.any(String), position: expect.any(Number) }),
        })]);
      } else {
        expect(answer.accreditedBy).toEqual([]);
        expect(answer.accreditations[0].reasons.length).toBeGreaterThan(0);
      }
    });

    it('keeps past answers when the accreditation is later suspended', async () => {
      ok(await app.api('POST', `/v1/accreditations/${accreditationId}/suspension`, { key: nzBody, body: { effectiveFrom: '2026-05-15T00:00:00Z', reason: 'audit' } }), 200);
      await eventually(async () => (await standing(admin, nz, 'date=2026-05-20')).body.accreditations?.[0]?.status === 'suspended', 10_000, 'suspension projected');
      expect(ok(await standing(admin, nz, 'level=6&framework=NZQCF&date=2026-04-15'), 200).accredited).toBe(true);
      expect(ok(await standing(nzProvider, nz, 'level=6&framework=NZQCF&date=2026-05-20'), 200).accredited).toBe(false);
      ok(await app.api('POST', `/v1/accreditations/${accreditationId}/reinstatement`, { key: nzBody, body: { effectiveFrom: '2026-06-01T00:00:00Z' } }), 200);
      await eventually(async () => (await standing(nzBody, nz, 'level=6&framework=NZQCF&date=2026-06-10')).body.accredited === true, 10_000, 'reinstatement projected');
      expect(ok(await standing(nzBody, nz, 'level=6&framework=NZQCF&date=2026-05-20'), 200).accredited).toBe(false);
    });
  });

  describe('when a QA body reaches outside its jurisdiction', () => {
    const expectForbidden = (res: { status: number; body: any; contentType: string }) => {
      expect(res.status).toBe(403);
      expect(res.contentType).toContain('application/problem+json');
      expect(res.body.code).toBe('AUTH.FORBIDDEN');
    };
    /** Out of scope answers exactly as absent: same status, same problem body. */
    const expectSameAsAbsent = (outside: { status: number; body: any }, absent: { status: number; body: any }, code: string) => {
      expect(outside.status).toBe(404);
      expect(outside.body.code).toBe(code);
      expect({ ...outside.body, instance: undefined }).toEqual({ ...absent.body, instance: undefined });
    };
    const window = { scope: { framework: 'NZQCF', minLevel: 5, maxLevel: 7 }, validFrom: '2026-03-01T00:00:00Z', validUntil: '2026-07-01T00:00:00Z' };
    const unknownAccreditation = '00000000-0000-4000-8000-000000000000';

    it('is answered about a provider of another jurisdiction as about an unknown one', async () => {
      expectSameAsAbsent(
        await app.api('POST', '/v1/accreditations', { key: nzBody, body: { providerId: au, ...window } }),
        await app.api('POST', '/v1/accreditations', { key: nzBody, body: { providerId: 'no-such-provider', ...window } }),
        'PROVIDER.NOT_FOUND',
      );
    });

    it('is refused approving in another jurisdiction', async () => {
      expectForbidden(await app.api('POST', `/v1/achievements/${level6}/approvals`, { key: nzBody, body: { jurisdiction: 'AU', credits: { system: 'hours', value: 150 } } }));
      expectForbidden(await app.api('POST', `/v1/achievements/${level6}/approvals`, { key: auBody, body: { jurisdiction: 'NZ', level: { framework: 'NZQCF', value: 6 } } }));
    });

    it("is answered about another body's accreditation, and a provider's standing elsewhere, as about unknown ones", async () => {
      const change = { effectiveFrom: '2026-06-15T00:00:00Z', reason: 'x' };
      expectSameAsAbsent(
        await app.api('POST', `/v1/accreditations/${accreditationId}/withdrawal`, { key: auBody, body: change }),
        await app.api('POST', `/v1/accreditations/${unknownAccreditation}/withdrawal`, { key: auBody, body: change }),
        'ACCREDITATION.NOT_FOUND',
      );
      expectSameAsAbsent(
        await app.api('GET', `/v1/accreditations/${accreditationId}`, { key: auBody }),
        await app.api('GET', `/v1/accreditations/${unknownAccreditation}`, { key: auBody }),
        'ACCREDITATION.NOT_FOUND',
      );
      expectSameAsAbsent(await standing(auBody, nz, 'date=2026-04-01'), await standing(auBody, 'no-such-provider', 'date=2026-04-01'), 'PROVIDER.NOT_FOUND');
      expectSameAsAbsent(await standing(auProvider, nz, 'date=2026-04-01'), await standing(auProvider, 'no-such-provider', 'date=2026-04-01'), 'PROVIDER.NOT_FOUND');
    });
  });

  describe('when an admin issues qa-body keys', () => {
    it('needs a registered QA body, and cannot widen its jurisdictions', async () => {
      const unknown = await app.api('POST', '/v1/api-keys', { key: admin, body: { role: 'qa-body', scope: { qaBodyId: 'no-such-body' } } });
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors[0].field).toBe('scope.qaBodyId');
      const wider = await app.api('POST', '/v1/api-keys', { key: admin, body: { role: 'qa-body', scope: { qaBodyId: 'nzqa-e2e', jurisdictions: ['NZ', 'AU'] } } });
      expect(wider.status).toBe(400);
      expect(wider.body.errors[0].field).toBe('scope.jurisdictions[1]');
    });
  });

  describe('when the request names unknown or impossible references', () => {
    const accredit = (body: object) => app.api('POST', '/v1/accreditations', {
      key: nzBody, body: { providerId: nz, scope: { framework: 'NZQCF', minLevel: 5, maxLevel: 7 }, validFrom: '2026-03-01T00:00:00Z', validUntil: '2026-07-01T00:00:00Z', ...body },
    });
    const expectField = (res: { status: number; body: any; contentType: string }, field: string) => {
      expect(res.status).toBe(400);
      expect(res.contentType).toContain('application/problem+json');
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    };

    it('answers an unknown framework naming it', async () => expectField(await accredit({ scope: { framework: 'XQF', minLevel: 1, maxLevel: 2 } }), 'scope.framework'));
    it('answers an inverted date window naming validUntil', async () => expectField(await accredit({ validFrom: '2026-07-01T00:00:00Z', validUntil: '2026-03-01T00:00:00Z' }), 'validUntil'));
    it('answers a level outside the framework range naming it', async () => {
      expectField(await accredit({ scope: { framework: 'NZQCF', minLevel: 5, maxLevel: 11 } }), 'scope.maxLevel');
      expectField(await app.api('POST', `/v1/achievements/${level6}/approvals`, { key: nzBody, body: { jurisdiction: 'NZ', level: { framework: 'NZQCF', value: 11 } } }), 'level.value');
    });
    it('answers an unknown credit unit naming it', async () =>
      expectField(await app.api('POST', `/v1/achievements/${level6}/approvals`, { key: nzBody, body: { jurisdiction: 'NZ', credits: { system: 'doubloons', value: 3 } } }), 'credits.system'));
  });

  describe('when an achievement is put to a jurisdiction policy', () => {
    it('approves it under the current policy version, in the jurisdiction framework and unit', async () => {
      const res = ok(await app.api('POST', `/v1/achievements/${level6}/approvals`, {
        key: nzBody, body: { jurisdiction: 'NZ', level: { framework: 'NZQCF', value: 6 }, credits: { system: 'NZQCF-credit', value: 15 } },
      }), 201);
      expect(res).toMatchObject({ decision: 'approved', qaBodyId: 'nzqa-e2e', policy: { jurisdiction: 'NZ', version: '2022.2' }, level: { framework: 'NZQCF', value: 6 }, credits: { system: 'NZQCF-credit', value: 15 } });
      expect(res.normalised).toMatchObject({ eqf: { level: 5 }, ects: { min: 5, max: 6, basis: 'hours' } });
      expect(res.ruleSets).toEqual([expect.objectContaining({ id: 'ua-recognition-minimums', met: false, failures: [expect.objectContaining({ ruleId: 'UA-QA-METADATA' })] })]);
      const again = await app.api('POST', `/v1/achievements/${level6}/approvals`, { key: nzBody, body: { jurisdiction: 'NZ', level: { framework: 'NZQCF', value: 6 }, credits: { system: 'NZQCF-credit', value: 15 } } });
      expect(again.body.code).toBe('APPROVAL.ALREADY_APPROVED');
      const policy = ok(await app.api('GET', '/v1/policies/NZ', { key: nzBody }), 200);
      expect(policy).toMatchObject({ jurisdiction: 'NZ', version: '2022.2', versions: ['2022.2'], includes: ['ua-recognition-minimums'] });
      expect(ok(await app.api('POST', '/v1/policies/NZ', { key: admin }), 200).published).toBe(false);
    });

    it('declines it listing every failed rule with its id and a readable message', async () => {
      const weak = {
        ...sampleAchievement, title: 'Taster', workload: { hours: 0.5 }, level: undefined,
        assessment: { type: 'none', supervised: false, identityVerified: false },
      };
      const achievementId = ok(await app.api('POST', `/v1/providers/${au}/achievements`, { key: auProvider, body: weak }), 201).achievementId;
      const res = ok(await app.api('POST', `/v1/achievements/${achievementId}/approvals`, { key: auBody, body: { jurisdiction: 'AU', credits: { system: 'ECTS', value: 1 } } }), 201);
      expect(res.decision).toBe('declined');
      expect(res.policy).toEqual({ jurisdiction: 'AU', version: '2022.2' });
      expect(res.failures.map((f: { ruleId: string }) => f.ruleId)).toEqual(['AU-MIN-HOURS', 'AU-ASSESSMENT', 'AU-BREAKDOWN', 'AU-CREDITS', 'AU-CREDITS-HOURS']);
      for (const f of res.failures) expect(f).toEqual({ ruleId: expect.any(String), kind: expect.any(String), field: expect.any(String), message: expect.any(String) });
    });

    it('withdraws an approval, only by the body that gave it', async () => {
      const list = ok(await app.api('GET', `/v1/achievements/${level6}/approvals`, { key: nzBody }), 200);
      expect(list.approvals).toEqual([expect.objectContaining({ jurisdiction: 'NZ', status: 'approved', policy: { jurisdiction: 'NZ', version: '2022.2' } })]);
      const withdrawn = ok(await app.api('POST', `/v1/achievements/${level6}/approvals/NZ/withdrawal`, { key: nzBody, body: { reason: 'outcomes rewritten', effectiveFrom: '2026-09-01T00:00:00Z' } }), 200);
      expect(withdrawn).toMatchObject({ jurisdiction: 'NZ', qaBodyId: 'nzqa-e2e', effectiveFrom: '2026-09-01T00:00:00Z' });
      expect((await app.api('GET', `/v1/achievements/${level6}/approvals`, { key: admin })).body.approvals[0].status).toBe('withdrawn');
      expect((await app.api('POST', `/v1/achievements/${level6}/approvals/NZ/withdrawal`, { key: nzBody, body: { reason: 'again' } })).body.code).toBe('APPROVAL.NOT_APPROVED');
    });

    it('defines credits that disagree with the hours, and declines approving them, naming the rule', async () => {
      const body = { ...sampleAchievement, title: 'Fifteen credits in twenty hours', workload: { hours: 20, credits: { system: 'NZQCF-credit', value: 15 } } };
      const defined = ok(await app.api('POST', `/v1/providers/${nz}/achievements`, { key: nzProvider, body }), 201);
      const warning = { code: 'WORKLOAD.CREDITS_HOURS_MISMATCH', field: 'workload.credits.value', message: '15 NZQCF-credit stand for 135-165 h (tolerance 10%), not 20 h' };
      expect(defined.warnings).toEqual([warning]);
      const { achievementId } = defined;
      expect(ok(await app.api('POST', `/v1/providers/${nz}/achievements`, { key: nzProvider, body: { ...body, achievementId } }), 200).warnings).toEqual([warning]);
      const res = ok(await app.api('POST', `/v1/achievements/${achievementId}/approvals`, { key: nzBody, body: { jurisdiction: 'NZ', level: { framework: 'NZQCF', value: 5 } } }), 201);
      expect(res.decision).toBe('declined');
      expect(res.failures).toEqual([expect.objectContaining({ ruleId: 'NZ-CREDITS-HOURS', field: 'credits.value', message: expect.stringContaining('135-165 h') })]);
      const revised = ok(await app.api('POST', `/v1/providers/${nz}/achievements/${achievementId}/revisions`, {
        key: nzProvider, body: { ...body, workload: { hours: 10, credits: { system: 'ECTS', value: 5 } }, reason: 'counted in ECTS' },
      }), 201);
      expect(revised.warnings).toEqual([expect.objectContaining({ code: 'WORKLOAD.CREDITS_HOURS_MISMATCH', message: expect.stringContaining('125-150 h') })]);
      const fixed = ok(await app.api('POST', `/v1/providers/${nz}/achievements/${achievementId}/revisions`, { key: nzProvider, body: { ...sampleAchievement, reason: 'hours corrected' } }), 201);
      expect(fixed).not.toHaveProperty('warnings');
    });

    it('keeps a QF-EHEA cycle given beside the level, and refuses one that contradicts it naming cycle', async () => {
      const body = { ...sampleAchievement, title: 'Cycles', qualityAssurance: { type: 'external', description: 'NZQA' } };
      const achievementId = ok(await app.api('POST', `/v1/providers/${nz}/achievements`, { key: nzProvider, body }), 201).achievementId;
      const contradiction = await app.api('POST', `/v1/achievements/${achievementId}/approvals`, { key: nzBody, body: { jurisdiction: 'NZ', level: { framework: 'NZQCF', value: 7 }, cycle: 'second' } });
      expect(contradiction.status).toBe(400);
      expect(contradiction.body.errors).toEqual([expect.objectContaining({ field: 'cycle' })]);
      const res = ok(await app.api('POST', `/v1/achievements/${achievementId}/approvals`, { key: nzBody, body: { jurisdiction: 'NZ', level: { framework: 'NZQCF', value: 7 }, cycle: 'first' } }), 201);
      expect(res).toMatchObject({ decision: 'approved', cycle: 'first', normalised: { eqf: { level: 6 } }, ruleSets: [expect.objectContaining({ met: true })] });
    });

    it('decides for a region under its country\'s policy when the region publishes none, naming the region', async () => {
      const res = ok(await app.api('POST', `/v1/achievements/${level6}/approvals`, { key: admin, body: { jurisdiction: 'NZ-AUK', qaBodyId: 'nzqa-e2e' } }), 201);
      expect(res).toMatchObject({ jurisdiction: 'NZ-AUK', policy: { jurisdiction: 'NZ' } });
    });

    it('refuses an approval where no policy is published along the jurisdiction\'s chain (an admin acting for the body)', async () => {
      ok(await app.api('POST', '/v1/qa-bodies', { key: admin, body: { qaBodyId: 'heqco-e2e', name: 'CA-ON QA body', jurisdictions: ['CA-ON'], frameworks: ['EQF'] } }), 201);
      const res = await app.api('POST', `/v1/achievements/${level6}/approvals`, { key: admin, body: { jurisdiction: 'CA-ON', qaBodyId: 'heqco-e2e' } });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('POLICY.NOT_PUBLISHED');
    });
  });
});
