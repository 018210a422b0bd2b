import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { luhnModN } from '@app/contracts';
import { AppProcess, eventually, sampleAchievement, settledHead, uniqueName } from '@app/testing';

/**
 * The records scenario of step 8, end to end over HTTP: four jurisdictions (NZ, AU, two EU
 * member states, CA-ON), six providers, fifty learners. Every record, standing, normalised
 * figure and discrepancy is checked field by field against the expectations written here from
 * the reference data by hand (not computed by the ledger's own functions), then the record is
 * asked as of earlier instants, and the read store is rebuilt from the log (SQLite, then
 * PostgreSQL) and must answer byte for byte the same.
 */

type Id = { scheme: string; value: string };
const ok = (res: { status: number; body: unknown }, status = 200) => {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as any;
};
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ── identifiers, one scheme per jurisdiction ─────────────────────────────────────────────
const USI_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const nsn = (i: number): Id => ({ scheme: 'NZ-NSN', value: String(400_000_000 + i * 7919) });
/** A valid AU-USI: nine characters from the learner's number and the one check character that passes. */
const usi = (i: number): Id => {
  const body = `SCN${String(i).padStart(6, '0')}`.replace(/[01]/g, (d) => (d === '0' ? 'A' : 'B')).replace(/[IO]/g, 'X');
  const check = [...USI_ALPHABET].find((c) => luhnModN(body + c, USI_ALPHABET));
  return { scheme: 'AU-USI', value: body + check };
};
const esi = (country: 'ie' | 'de', i: number): Id => ({ scheme: 'EU-ESI', value: `urn:schac:personaluniquecode:int:esi:${country}:scn-${i}` });
const email = (i: number): Id => ({ scheme: 'EMAIL', value: `learner.${i}@scenario.example` });

// ── providers, QA and achievements ──────────────────────────────────────────────────────
const ACCREDITED = { validFrom: '2026-01-01T00:00:00Z', validUntil: '2028-01-01T00:00:00Z' };
const PROVIDERS = {
  'scn-nz-uni': { jurisdiction: 'NZ', qaBodyId: 'scn-nzqa', scope: { framework: 'NZQCF', minLevel: 4, maxLevel: 7 } },
  'scn-nz-poly': { jurisdiction: 'NZ', qaBodyId: 'scn-nzqa', scope: { framework: 'NZQCF', minLevel: 3, maxLevel: 5 } },
  'scn-au-tafe': { jurisdiction: 'AU', qaBodyId: 'scn-teqsa', scope: { framework: 'AQF', minLevel: 5, maxLevel: 10 } },
  'scn-ie-univ': { jurisdiction: 'IE', qaBodyId: 'scn-qqi', scope: { framework: 'EQF', minLevel: 5, maxLevel: 7 } },
  'scn-de-hs': { jurisdiction: 'DE', qaBodyId: 'scn-akkr', scope: { framework: 'EQF', minLevel: 4, maxLevel: 7 } },
  'scn-ca-on': { jurisdiction: 'CA-ON', qaBodyId: 'scn-heqco', scope: { framework: 'EQF', minLevel: 1, maxLevel: 8 } },
} as const;
type ProviderId = keyof typeof PROVIDERS;
const QA_BODIES = [
  { qaBodyId: 'scn-nzqa', jurisdictions: ['NZ'], frameworks: ['NZQCF'] },
  { qaBodyId: 'scn-teqsa', jurisdictions: ['AU'], frameworks: ['AQF'] },
  { qaBodyId: 'scn-qqi', jurisdictions: ['IE'], frameworks: ['EQF'] },
  { qaBodyId: 'scn-akkr', jurisdictions: ['DE'], frameworks: ['EQF'] },
  { qaBodyId: 'scn-heqco', jurisdictions: ['CA-ON'], frameworks: ['EQF'] },
];
const ECTS_SOURCE = expect.stringContaining('ECTS');
const qa = { qualityAssurance: { type: 'external', description: 'scenario QA body' } };

/**
 * Each achievement with the figures normalisation must give, worked out by hand from
 * reference/levels.json and credits.json: ECTS from hours at 25-30 h per credit, two decimals.
 */
const ACHIEVEMENTS = {
  A: {
    provider: 'scn-nz-uni' as ProviderId, approve: 'NZ',
    spec: { ...sampleAchievement, title: 'Data literacy (NZQCF 5)', level: { framework: 'NZQCF', value: 5 }, workload: { hours: 150, credits: { system: 'NZQCF-credit', value: 15 } } },
    normalised: { eqf: { level: 5 }, hours: { min: 150, max: 150, basis: 'declared' }, ects: { min: 5, max: 6, basis: 'hours' } },
  },
  B: {
    provider: 'scn-nz-poly' as ProviderId, approve: 'NZ',
    spec: { ...sampleAchievement, title: 'Applied analytics (NZQCF 7)', level: { framework: 'NZQCF', value: 7 }, workload: { hours: 300, credits: { system: 'NZQCF-credit', value: 30 } } },
    normalised: { eqf: { level: 6 }, hours: { min: 300, max: 300, basis: 'declared' }, ects: { min: 10, max: 12, basis: 'hours' } },
  },
  C: {
    provider: 'scn-au-tafe' as ProviderId, approve: 'AU',
    spec: { ...sampleAchievement, title: 'Cyber security (AQF 7)', level: { framework: 'AQF', value: 7 }, workload: { hours: 120, credits: { system: 'hours', value: 120 }, breakdown: { faceToFace: 40, synchronousOnline: 20, peer: 10, asynchronous: 40, assessment: 10 } } },
    normalised: { eqf: { level: 6, status: 'unconfirmed' }, hours: { min: 120, max: 120, basis: 'declared' }, ects: { min: 4, max: 4.8, basis: 'hours' } },
  },
  D: {
    provider: 'scn-au-tafe' as ProviderId, approve: undefined,
    spec: { ...sampleAchievement, title: 'Graduate certificate module (AQF 8)', level: { framework: 'AQF', value: 8 }, workload: { hours: 60, credits: { system: 'hours', value: 60 }, breakdown: { faceToFace: 20, synchronousOnline: 10, peer: 5, asynchronous: 20, assessment: 5 } } },
    normalised: { eqf: { level: null, notComparable: true }, hours: { min: 60, max: 60, basis: 'declared' }, ects: { min: 2, max: 2.4, basis: 'hours' } },
  },
  E: {
    provider: 'scn-ie-univ' as ProviderId, approve: 'IE',
    spec: { ...sampleAchievement, ...qa, title: 'Sustainable finance (EQF 6)', level: { framework: 'EQF', value: 6 }, workload: { hours: 140, credits: { system: 'ECTS', value: 5 } } },
    normalised: { eqf: { level: 6 }, hours: { min: 140, max: 140, basis: 'declared' }, ects: { min: 5, max: 5, basis: 'declared' } },
  },
  F: {
    provider: 'scn-de-hs' as ProviderId, approve: 'DE',
    spec: { ...sampleAchievement, ...qa, title: 'Industrial robotics (EQF 5)', level: { framework: 'EQF', value: 5 }, workload: { hours: 150, credits: { system: 'ECTS', value: 6 } } },
    normalised: { eqf: { level: 5 }, hours: { min: 150, max: 150, basis: 'declared' }, ects: { min: 6, max: 6, basis: 'declared' } },
  },
  G: {
    provider: 'scn-ca-on' as ProviderId, approve: 'late',
    spec: { ...sampleAchievement, ...qa, title: 'Project management essentials', level: undefined, workload: { hours: 40, credits: { system: 'hours', value: 40 } } },
    normalised: { eqf: { level: null }, hours: { min: 40, max: 40, basis: 'declared' }, ects: { min: 1.33, max: 1.6, basis: 'hours' } },
  },
} as const;
type AchievementName = keyof typeof ACHIEVEMENTS;

// ── the credentials, learner by learner ─────────────────────────────────────────────────
interface Planned {
  ref: string;
  learner: number;
  achievement: AchievementName;
  issuedAt: string;
  identifiers: Id[];
  /** The standing reasons expected at the end, by code; [] means quality-assured. */
  reasons: string[];
  status?: 'issued' | 'revoked';
}
const PLAN: Planned[] = [];
const plan = (learner: number, achievement: AchievementName, issuedAt: string, identifiers: Id[], reasons: string[] = [], suffix = '') =>
  PLAN.push({ ref: `SCN-${learner}-${achievement}${suffix}`, learner, achievement, issuedAt, identifiers, reasons });
for (let i = 0; i <= 9; i++) plan(i, 'A', `2026-04-${String(10 + i).padStart(2, '0')}T00:00:00Z`, i <= 4 ? [nsn(i), usi(i)] : [nsn(i)]);
// Learners 0-4 hold identifiers in two schemes: their AU credential names only the USI.
for (let i = 0; i <= 4; i++) plan(i, 'C', '2026-04-20T00:00:00Z', [usi(i)]);
// One duplicate: the same achievement on the same day under two refs.
plan(10, 'A', '2026-04-21T00:00:00Z', [nsn(10)]);
plan(10, 'A', '2026-04-21T00:00:00Z', [nsn(10)], [], '-again');
// Level outside the accreditation's scope (NZQCF 7 against 3-5).
for (let i = 11; i <= 14; i++) plan(i, 'B', '2026-04-15T00:00:00Z', [nsn(i)], ['level-outside-accreditation-scope']);
// AU: issued before the retroactive withdrawal's effective date keep their standing, those after lose it.
for (let i = 15; i <= 19; i++) plan(i, 'C', '2026-04-15T00:00:00Z', [usi(i)]);
for (let i = 20; i <= 24; i++) plan(i, 'C', '2026-06-15T00:00:00Z', [usi(i)], ['unaccredited-provider']);
for (let i = 20; i <= 24; i++) plan(i, 'D', '2026-04-15T00:00:00Z', [usi(i)], ['unapproved-achievement']);
for (let i = 25; i <= 34; i++) plan(i, 'E', '2026-04-10T00:00:00Z', [esi('ie', i)]);
// DE: issued while the accreditation was suspended (1 May - 1 July) are not quality-assured.
for (let i = 35; i <= 38; i++) plan(i, 'F', '2026-04-10T00:00:00Z', [esi('de', i)]);
for (let i = 39; i <= 42; i++) plan(i, 'F', '2026-06-10T00:00:00Z', [esi('de', i)], ['unaccredited-provider']);
// CA-ON: issued before the approval was reported; the late report re-judges them.
for (let i = 43; i <= 47; i++) plan(i, 'G', '2026-03-10T00:00:00Z', [email(i)]);
// The possible-same-learner pair: two records, then a credential naming both.
plan(48, 'A', '2026-04-05T00:00:00Z', [nsn(48)]);
plan(49, 'G', '2026-04-05T00:00:00Z', [email(49)]);
const CONFLICT = { ref: 'SCN-48-49-E', identifiers: [nsn(48), email(49)] };
const REVOKED_LEARNER = 15;

describe('records scenario: four jurisdictions, six providers, fifty learners', () => {
  let dir: string;
  let app: AppProcess;
  let admin: string;
  const keys: Record<string, string> = {};
  const achievementIds = {} as Record<AchievementName, string>;
  const credentialIds = new Map<string, string>();
  const learnerIds = new Map<number, string>();
  const accreditationIds = {} as Record<ProviderId, string>;
  const at: Record<string, string> = {};

  const key = async (role: string, scope: object) => ok(await app.api('POST', '/v1/api-keys', { key: admin, body: { role, scope } }), 201).apiKey as string;
  const issue = async (providerId: ProviderId, items: Planned[]) => {
    const body = {
      items: items.map((p) => ({
        sourceEventId: `src-${p.ref}`, type: 'CredentialIssued', occurredAt: p.issuedAt,
        data: { credentialRef: p.ref, achievementId: achievementIds[p.achievement], holder: { identifiers: p.identifiers }, issuedAt: p.issuedAt },
      })),
    };
    const res = ok(await app.api('POST', `/v1/providers/${providerId}/events`, { key: keys[providerId], body }), 207);
    expect(res.summary).toEqual({ accepted: items.length, duplicate: 0, rejected: 0 });
    items.forEach((p, i) => credentialIds.set(p.ref, res.results[i].credentialId));
  };
  const lookup = async (identifiers: Id[]) => ok(await app.api('POST', '/v1/learners/lookup', { key: admin, body: { identifiers } })).learners.map((l: any) => l.learnerId) as string[];
  const record = async (learnerId: string, asOf?: string, k = admin) =>
    ok(await app.api('GET', `/v1/learners/${learnerId}/record${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ''}`, { key: k }));
  const mark = async (name: string) => {
    await settledHead(app, admin);
    await pause(20);
    at[name] = new Date().toISOString();
    await pause(20);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-scenario-'));
    app = await AppProcess.start({ dataDir: dir, env: { RAISE_DISCREPANCIES: 'on' } });
    admin = app.adminKey();
    for (const body of QA_BODIES) ok(await app.api('POST', '/v1/qa-bodies', { key: admin, body: { ...body, name: body.qaBodyId } }), 201);
    for (const j of ['NZ', 'AU', 'EU', 'CA-ON']) ok(await app.api('POST', `/v1/policies/${j}`, { key: admin }), 201);
    for (const body of QA_BODIES) keys[body.qaBodyId] = await key('qa-body', { qaBodyId: body.qaBodyId, jurisdictions: body.jurisdictions });
    for (const [providerId, p] of Object.entries(PROVIDERS)) {
      ok(await app.api('POST', '/v1/providers', { key: admin, body: { providerId, name: `Provider ${providerId}`, jurisdiction: p.jurisdiction, kind: 'university' } }), 201);
      keys[providerId] = await key('provider', { providerId });
      accreditationIds[providerId as ProviderId] = ok(await app.api('POST', '/v1/accreditations', { key: keys[p.qaBodyId], body: { providerId, scope: p.scope, ...ACCREDITED } }), 201).accreditationId;
    }
    for (const [name, a] of Object.entries(ACHIEVEMENTS)) {
      achievementIds[name as AchievementName] = ok(await app.api('POST', `/v1/providers/${a.provider}/achievements`, { key: keys[a.provider], body: a.spec }), 201).achievementId;
      if (a.approve && a.approve !== 'late') {
        const qaBodyId = PROVIDERS[a.provider].qaBodyId;
        const approval = ok(await app.api('POST', `/v1/achievements/${achievementIds[name as AchievementName]}/approvals`, { key: keys[qaBodyId], body: { jurisdiction: a.approve } }), 201);
        expect([name, approval.decision, approval.failures]).toEqual([name, 'approved', undefined]);
      }
    }
    const de = accreditationIds['scn-de-hs'];
    ok(await app.api('POST', `/v1/accreditations/${de}/suspension`, { key: keys['scn-akkr'], body: { effectiveFrom: '2026-05-01T00:00:00Z', reason: 'scenario audit' } }), 200);
    ok(await app.api('POST', `/v1/accreditations/${de}/reinstatement`, { key: keys['scn-akkr'], body: { effectiveFrom: '2026-07-01T00:00:00Z' } }), 200);

    for (const providerId of Object.keys(PROVIDERS) as ProviderId[]) {
      const items = PLAN.filter((p) => ACHIEVEMENTS[p.achievement].provider === providerId);
      if (items.length) await issue(providerId, items);
    }
    await settledHead(app, admin);
    for (let i = 0; i < 50; i++) {
      const first = PLAN.find((p) => p.learner === i)!;
      await eventually(async () => (await lookup(first.identifiers.slice(0, 1))).length === 1, 15_000, `learner ${i} resolved`);
      learnerIds.set(i, (await lookup(first.identifiers.slice(0, 1)))[0]);
    }
    await issue('scn-ie-univ', [{ ref: CONFLICT.ref, learner: 48, achievement: 'E', issuedAt: '2026-04-25T00:00:00Z', identifiers: CONFLICT.identifiers, reasons: [] }]);

    await mark('beforeLateApproval');
    ok(await app.api('POST', `/v1/achievements/${achievementIds.G}/approvals`, { key: keys['scn-heqco'], body: { jurisdiction: 'CA-ON' } }), 201);
    await mark('beforeRevocation');
    const revoked = PLAN.find((p) => p.learner === REVOKED_LEARNER)!;
    revoked.status = 'revoked';
    const revoke = { items: [{ sourceEventId: `src-revoke-${revoked.ref}`, type: 'CredentialRevoked', occurredAt: '2026-08-01T00:00:00Z', data: { credentialRef: revoked.ref, reason: 'assessment misconduct' } }] };
    expect(ok(await app.api('POST', '/v1/providers/scn-au-tafe/events', { key: keys['scn-au-tafe'], body: revoke }), 207).summary.accepted).toBe(1);
    await mark('beforeWithdrawal');
    ok(await app.api('POST', `/v1/accreditations/${accreditationIds['scn-au-tafe']}/withdrawal`, {
      key: keys['scn-teqsa'], body: { effectiveFrom: '2026-06-01T00:00:00Z', reason: 'conditions of registration breached' },
    }), 200);
    await mark('beforeMerge');
    ok(await app.api('POST', '/v1/learners/merge', { key: admin, body: { learnerIds: [learnerIds.get(48), learnerIds.get(49)], reason: 'same person: confirmed with the learner' } }));
    await mark('end');
  }, 240_000);

  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** What the record of learner i must hold at the end, credential by credential, ordered by ref. */
  const expectedCredentials = (i: number) =>
    PLAN.filter((p) => p.learner === i || (i === 48 && p.learner === 49)).map((p) => {
      const a = ACHIEVEMENTS[p.achievement];
      const provider = PROVIDERS[a.provider];
      return {
        credentialId: credentialIds.get(p.ref),
        providerId: a.provider,
        jurisdiction: provider.jurisdiction,
        achievementId: achievementIds[p.achievement],
        issuedAt: p.issuedAt,
        status: p.status ?? 'issued',
        qualityAssured: p.reasons.length === 0,
        reasons: p.reasons,
        normalised: a.normalised,
      };
    }).sort((x, y) => (x.credentialId! < y.credentialId! ? -1 : 1));

  const summarise = (answer: any) =>
    [...answer.credentials].sort((x: any, y: any) => (x.credentialId < y.credentialId ? -1 : 1)).map((c: any) => ({
      credentialId: c.credentialId,
      providerId: c.providerId,
      jurisdiction: c.jurisdiction,
      achievementId: c.achievement.achievementId,
      issuedAt: c.issuedAt,
      status: c.status,
      qualityAssured: c.standing.qualityAssured,
      reasons: c.standing.reasons.map((r: { code: string }) => r.code),
      normalised: c.normalised,
    }));

  it('resolves fifty learners, joining identifiers held in two schemes', () => {
    expect(new Set(learnerIds.values()).size).toBe(50);
  });

  it.each([...Array(50).keys()].filter((i) => i !== 49))('gives learner %i every credential with its standing and normalised figures', async (i) => {
    const answer = await record(learnerIds.get(i)!);
    const want = expectedCredentials(i);
    expect(summarise(answer)).toMatchObject(want);
    expect(answer.credentials).toHaveLength(want.length);
    for (const c of answer.credentials) {
      // Declared figures stay beside the normalised ones, never replaced.
      const a = Object.values(ACHIEVEMENTS).find((x) => achievementIds[Object.keys(ACHIEVEMENTS).find((k) => ACHIEVEMENTS[k as AchievementName] === x) as AchievementName] === c.achievement.achievementId)!;
      expect(c.achievement.level ?? undefined).toEqual(a.spec.level);
      if (c.normalised.ects.basis === 'hours') expect(c.normalised.ects.source).toEqual(ECTS_SOURCE);
      if (c.standing.qualityAssured) expect(c.standing.policy).toEqual(expect.objectContaining({ jurisdiction: expect.any(String), version: expect.any(String) }));
    }
  });

  it('judges the member states under the EU policy and the others under their own', async () => {
    const policyOf = async (i: number) => (await record(learnerIds.get(i)!)).credentials[0].standing.policy.jurisdiction;
    expect(await policyOf(25)).toBe('EU');
    expect(await policyOf(35)).toBe('EU');
    expect(await policyOf(5)).toBe('NZ');
    expect(await policyOf(16)).toBe('AU');
    expect(await policyOf(43)).toBe('CA-ON');
  });

  it('raises each discrepancy the scenario calls for, once, in its jurisdiction', async () => {
    const list = async (query: string) => ok(await app.api('GET', `/v1/discrepancies?limit=100&${query}`, { key: admin })).items as any[];
    const subjects = async (kind: string) => (await list(`kind=${kind}&status=open`)).map((d) => d.subject.credentialId).filter(Boolean).sort();
    const refsOf = (filter: (p: Planned) => boolean) => PLAN.filter(filter).map((p) => credentialIds.get(p.ref)).sort();
    await eventually(async () => (await subjects('unaccredited-provider')).length === 9, 15_000, 'unaccredited raised');
    expect(await subjects('unaccredited-provider')).toEqual(refsOf((p) => p.reasons.includes('unaccredited-provider')));
    expect(await subjects('level-outside-accreditation-scope')).toEqual(refsOf((p) => p.reasons.includes('level-outside-accreditation-scope')));
    expect(await subjects('unapproved-achievement')).toEqual(refsOf((p) => p.reasons.includes('unapproved-achievement')));
    const same = await list('kind=possible-same-learner');
    expect(same).toHaveLength(1);
    expect(same[0].subject.learnerIds.sort()).toEqual([learnerIds.get(48), learnerIds.get(49)].sort());
    const duplicates = await list('kind=duplicate-credential');
    expect(duplicates).toHaveLength(1);
    expect(duplicates[0].jurisdiction).toBe('NZ');
    expect(JSON.stringify(duplicates[0].subject)).toContain(credentialIds.get('SCN-10-A'));
    expect(JSON.stringify(duplicates[0].subject)).toContain(credentialIds.get('SCN-10-A-again'));
    const byJurisdiction = await list('jurisdiction=DE');
    expect(byJurisdiction.map((d) => d.kind)).toEqual(['unaccredited-provider', 'unaccredited-provider', 'unaccredited-provider', 'unaccredited-provider']);
  });

  it('shows a learner its open discrepancies in the record', async () => {
    const answer = await record(learnerIds.get(12)!);
    expect(answer.discrepancies.map((d: any) => d.kind)).toEqual(['level-outside-accreditation-scope']);
    expect((await record(learnerIds.get(5)!)).discrepancies).toEqual([]);
  });

  it('gives the record as it stood before the late approval, the revocation, the withdrawal and the merge', async () => {
    const ca = learnerIds.get(43)!;
    expect(summarise(await record(ca, at.beforeLateApproval))[0]).toMatchObject({ qualityAssured: false, reasons: ['unapproved-achievement'] });
    expect(summarise(await record(ca, at.beforeRevocation))[0]).toMatchObject({ qualityAssured: true, reasons: [] });

    const revoked = learnerIds.get(REVOKED_LEARNER)!;
    expect(summarise(await record(revoked, at.beforeRevocation))[0].status).toBe('issued');
    expect(summarise(await record(revoked, at.beforeWithdrawal))[0].status).toBe('revoked');

    const au = learnerIds.get(21)!;
    const c = (answer: any) => summarise(answer).find((x) => x.achievementId === achievementIds.C)!;
    expect(c(await record(au, at.beforeWithdrawal))).toMatchObject({ qualityAssured: true, reasons: [] });
    expect(c(await record(au, at.beforeMerge))).toMatchObject({ qualityAssured: false, reasons: ['unaccredited-provider'] });
    // Issued before the withdrawal took effect: unchanged.
    expect(summarise(await record(learnerIds.get(16)!, at.end))[0]).toMatchObject({ qualityAssured: true });

    const merged = learnerIds.get(48)!;
    expect((await record(merged, at.beforeMerge)).credentials.map((x: any) => x.credentialId)).toEqual([credentialIds.get('SCN-48-A')]);
    expect((await record(merged, at.end)).credentials.map((x: any) => x.credentialId).sort()).toEqual([credentialIds.get('SCN-48-A'), credentialIds.get('SCN-49-G')].sort());
  });

  it('shows a regulator only the credentials in its jurisdictions, and answers others as absent', async () => {
    const nz = await key('regulator', { jurisdictions: ['NZ'] });
    const eu = await key('regulator', { jurisdictions: ['EU'] });
    const twoSchemes = learnerIds.get(0)!;
    expect((await record(twoSchemes, undefined, nz)).credentials.map((c: any) => c.jurisdiction)).toEqual(['NZ']);
    const absent = await app.api('GET', `/v1/learners/${twoSchemes}/record`, { key: eu });
    const unknown = await app.api('GET', '/v1/learners/00000000-0000-4000-8000-000000000000/record', { key: eu });
    expect(absent.status).toBe(404);
    expect({ ...absent.body, instance: undefined }).toEqual({ ...unknown.body, instance: undefined });
    expect((await record(learnerIds.get(25)!, undefined, eu)).credentials).toHaveLength(1);
  });

  describe('replayed into an empty read store', () => {
    const everyRecord = async () => {
      const answers: string[] = [];
      for (let i = 0; i < 50; i++) answers.push(JSON.stringify((await app.api('GET', `/v1/learners/${learnerIds.get(i)}/record?asOf=${encodeURIComponent(at.end)}`, { key: admin })).body));
      return answers;
    };

    it('answers every record byte for byte the same on SQLite and on PostgreSQL', async () => {
      const before = await everyRecord();
      expect(before.every((r) => r.includes('"credentials"'))).toBe(true);
      await app.stop();
      rmSync(join(dir, 'read.db'), { force: true });
      rmSync(join(dir, 'read.db-wal'), { force: true });
      rmSync(join(dir, 'read.db-shm'), { force: true });
      app = await AppProcess.start({ dataDir: dir, env: { RAISE_DISCREPANCIES: 'on' } });
      await settledHead(app, admin);
      expect(await everyRecord()).toEqual(before);

      const pg = process.env.DATABASE_URL;
      if (!pg) {
        console.warn('records scenario on a PostgreSQL read store skipped: DATABASE_URL is not set');
        return;
      }
      await app.stop();
      const schema = uniqueName('scenario');
      app = await AppProcess.start({ dataDir: dir, env: { RAISE_DISCREPANCIES: 'on', READ_STORE: `${pg}${pg.includes('?') ? '&' : '?'}schema=${schema}` } });
      try {
        await settledHead(app, admin);
        expect(await everyRecord()).toEqual(before);
      } finally {
        await app.stop();
        const { Client } = await import('pg');
        const client = new Client({ connectionString: pg });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await client.end();
        app = await AppProcess.start({ dataDir: dir, env: { RAISE_DISCREPANCIES: 'on' } });
      }
    }, 180_000);
  });
});
