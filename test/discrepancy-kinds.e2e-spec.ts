import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppProcess, ed25519KeyPair, eventually, settledHead, signBody } from '@app/testing';
import { credentialIdFor } from '@app/contracts';

const ok = (res: { status: number; body: unknown }, status = 200) => {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as any;
};
type Id = { scheme: string; value: string };
const nsn = (value: string): Id => ({ scheme: 'NZ-NSN', value });

/**
 * The discrepancies the ledger raises by itself beyond the standing reasons: a duplicate credential
 * (found on linking, and only at a merge), and the automatic closing of a discrepancy whose reason a
 * late QA report made moot — each once, so a restart and a replay from an empty read store write nothing.
 */
describe('discrepancy kinds over HTTP (RAISE_DISCREPANCIES on)', () => {
  let dir: string;
  let app: AppProcess;
  let admin: string;
  let providerKey: string;
  let qaKey: string;
  let regulator: string;
  let achievementId: string;
  const providerId = 'dk-uni';

  const sampleAchievement = {
    title: 'Data Literacy Foundations', learningOutcomes: ['Interpret descriptive statistics'],
    workload: { hours: 150, credits: { system: 'NZQCF-credit', value: 15 } }, level: { framework: 'NZQCF', value: 5 },
    assessment: { type: 'portfolio', supervised: false, identityVerified: true }, participation: 'online', language: 'en',
  };
  const issue = async (ref: string, identifiers: Id[], issuedAt: string): Promise<string> => {
    const item = { sourceEventId: `src-${ref}`, type: 'CredentialIssued', occurredAt: '2026-03-01T09:00:00Z', data: { credentialRef: ref, achievementId, holder: { identifiers }, issuedAt } };
    const batch = ok(await app.api('POST', `/v1/providers/${providerId}/events`, { key: providerKey, body: { items: [item] } }), 207);
    expect(batch.results[0].outcome).toBe('accepted');
    return batch.results[0].credentialId;
  };
  const list = async (query: string): Promise<any[]> => ok(await app.api('GET', `/v1/discrepancies?limit=200&${query}`, { key: regulator })).items;
  const lookup = async (identifiers: Id[]): Promise<string[]> => ok(await app.api('POST', '/v1/learners/lookup', { key: admin, body: { identifiers } })).learners.map((l: { learnerId: string }) => l.learnerId);
  const learnerOf = async (identifiers: Id[]): Promise<string> => {
    await eventually(async () => (await lookup(identifiers)).length === 1, 15_000, 'identity resolution');
    return (await lookup(identifiers))[0];
  };
  const forCredential = (items: any[], credentialId: string) => items.filter((d) => d.subject.credentialId === credentialId);

  let dupFirst: string;
  let dupSecond: string;
  let mergeFirst: string;
  let mergeSecond: string;
  let confirmed: string;
  let superseded: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-discrepancy-kinds-'));
    app = await AppProcess.start({ dataDir: dir, env: { RAISE_DISCREPANCIES: 'on' } });
    admin = app.adminKey();
    const key = async (role: string, scope: object) => ok(await app.api('POST', '/v1/api-keys', { key: admin, body: { role, scope } }), 201).apiKey;
    ok(await app.api('POST', '/v1/providers', { key: admin, body: { providerId, name: 'DK University', jurisdiction: 'NZ', kind: 'university' } }), 201);
    ok(await app.api('POST', '/v1/qa-bodies', { key: admin, body: { qaBodyId: 'dk-nzqa', name: 'NZ QA body', jurisdictions: ['NZ'], frameworks: ['NZQCF'] } }), 201);
    ok(await app.api('POST', '/v1/policies/NZ', { key: admin }), 201);
    providerKey = await key('provider', { providerId });
    qaKey = await key('qa-body', { qaBodyId: 'dk-nzqa', jurisdictions: ['NZ'] });
    regulator = await key('regulator', { jurisdictions: ['NZ'] });
    achievementId = ok(await app.api('POST', `/v1/providers/${providerId}/achievements`, { key: providerKey, body: sampleAchievement }), 201).achievementId;
    ok(await app.api('POST', '/v1/accreditations', {
      key: qaKey, body: { providerId, scope: { framework: 'NZQCF', minLevel: 4, maxLevel: 7 }, validFrom: '2026-01-01T00:00:00Z', validUntil: '2027-01-01T00:00:00Z' },
    }), 201);
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('raises duplicate-credential once when one learner holds the same award, issued on the same UTC date, under two refs', async () => {
    dupFirst = await issue('DK-DUP-1', [nsn('411111111')], '2026-03-02T01:00:00Z');
    await learnerOf([nsn('411111111')]);
    // 2026-03-03T08:00+10:00 is still 2026-03-02 in UTC.
    dupSecond = await issue('DK-DUP-2', [nsn('411111111')], '2026-03-03T08:00:00+10:00');
    // Another date: no duplicate.
    await issue('DK-DUP-3', [nsn('411111111')], '2026-03-04T01:00:00Z');
    expect(dupSecond).toBe(credentialIdFor(providerId, 'DK-DUP-2'));
    await eventually(async () => (await list('kind=duplicate-credential')).length === 1, 15_000, 'duplicate raised');
    const [dup] = await list('kind=duplicate-credential');
    const learner = await learnerOf([nsn('411111111')]);
    expect(dup).toMatchObject({
      kind: 'duplicate-credential', jurisdiction: 'NZ', status: 'open',
      subject: { credentialId: dupSecond, credentialIds: [dupFirst, dupSecond], providerId, achievementId, learnerIds: [learner] },
    });
    expect(dup.details[0]).toContain('2026-03-02 (UTC date)');
    expect(JSON.stringify(dup)).not.toContain('411111111');
  });

  it('raises duplicate-credential when only a merge puts the two credentials in one record', async () => {
    mergeFirst = await issue('DK-MRG-1', [nsn('422222222')], '2026-03-05T01:00:00Z');
    mergeSecond = await issue('DK-MRG-2', [nsn('433333333')], '2026-03-05T02:00:00Z');
    const a = await learnerOf([nsn('422222222')]);
    const b = await learnerOf([nsn('433333333')]);
    expect(a).not.toBe(b);
    ok(await app.api('POST', '/v1/learners/merge', { key: admin, body: { learnerIds: [a, b], reason: 'the same person, confirmed by the provider' } }), 200);
    await eventually(async () => (await list('kind=duplicate-credential')).length === 2, 15_000, 'duplicate raised at the merge');
    const [fromMerge] = (await list('kind=duplicate-credential')).filter((d) => d.subject.credentialIds.includes(mergeFirst));
    expect(fromMerge.subject.credentialIds.sort()).toEqual([mergeFirst, mergeSecond].sort());
    expect(fromMerge.subject.learnerIds.sort()).toEqual([a, b].sort());
    expect(fromMerge.details[0]).toContain('merged');
  });

  it('supersedes the duplicate merged in when the provider revokes one of its credentials', async () => {
    const revoke = { sourceEventId: 'src-DK-MRG-2-revoked', type: 'CredentialRevoked', occurredAt: '2026-03-08T09:00:00Z', data: { credentialRef: 'DK-MRG-2', reason: 'reported twice' } };
    expect(ok(await app.api('POST', `/v1/providers/${providerId}/events`, { key: providerKey, body: { items: [revoke] } }), 207).results[0].outcome).toBe('accepted');
    const fromMerge = async () => (await list('kind=duplicate-credential')).find((d) => d.subject.credentialIds.includes(mergeSecond));
    await eventually(async () => (await fromMerge())?.status === 'resolved', 15_000, 'duplicate superseded');
    expect(await fromMerge()).toMatchObject({ resolution: 'superseded', resolutionReason: expect.stringContaining(`revoked credential ${mergeSecond}: the duplicate no longer holds`) });
    // The other duplicate is untouched.
    expect((await list('kind=duplicate-credential&status=open')).map((d) => d.subject.credentialIds)).toEqual([[dupFirst, dupSecond]]);
  });

  it('supersedes an open discrepancy when a late approval makes its reason moot, naming the event; a person\'s resolution stays', async () => {
    confirmed = await issue('DK-LATE-1', [nsn('444444444')], '2026-03-06T01:00:00Z');
    superseded = await issue('DK-LATE-2', [nsn('455555555')], '2026-03-06T01:00:00Z');
    await eventually(async () => forCredential(await list('kind=unapproved-achievement'), superseded).length === 1, 15_000, 'unapproved raised');
    const [toConfirm] = forCredential(await list('kind=unapproved-achievement'), confirmed);
    ok(await app.api('POST', `/v1/discrepancies/${toConfirm.discrepancyId}/resolution`, { key: regulator, body: { resolution: 'confirmed', reason: 'issued before approval' } }));
    // People may not record the ledger's own resolution.
    const refused = await app.api('POST', `/v1/discrepancies/${toConfirm.discrepancyId}/resolution`, { key: regulator, body: { resolution: 'superseded', reason: 'x' } });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['resolution']);

    ok(await app.api('POST', `/v1/achievements/${achievementId}/approvals`, {
      key: qaKey, body: { jurisdiction: 'NZ', level: { framework: 'NZQCF', value: 5 }, credits: { system: 'NZQCF-credit', value: 15 } },
    }), 201);
    await eventually(async () => forCredential(await list('kind=unapproved-achievement&status=resolved'), superseded).length === 1, 15_000, 'superseded');
    const unapproved = await list('kind=unapproved-achievement');
    expect(forCredential(unapproved, superseded)[0]).toMatchObject({ status: 'resolved', resolution: 'superseded', resolutionReason: expect.stringMatching(/^AchievementApproved \(event [0-9a-f-]{36}, log position \d+\) re-judged the credential: unapproved-achievement no longer holds$/) });
    expect(forCredential(unapproved, confirmed)[0]).toMatchObject({ status: 'resolved', resolution: 'confirmed', resolutionReason: 'issued before approval' });
    // Every unapproved-achievement discrepancy of this achievement is closed now; none is open.
    expect(await list('kind=unapproved-achievement&status=open')).toEqual([]);
    // The standing shows the late approval, the credential's history keeps both judgements.
    const standing = ok(await app.api('GET', `/v1/credentials/${superseded}/standing`, { key: admin }));
    expect(standing.history.map((h: { cause: string }) => h.cause)).toEqual(['CredentialIssued', 'AchievementApproved']);
  });

  it('raises unknown-signing-key for a credential signed with a key never added, or revoked, when signatures are optional', async () => {
    const pair = ed25519KeyPair();
    const sendSigned = async (ref: string, keyId: string): Promise<string> => {
      const raw = JSON.stringify({ items: [{ sourceEventId: `src-${ref}`, type: 'CredentialIssued', occurredAt: '2026-03-07T09:00:00Z', data: { credentialRef: ref, achievementId, holder: { identifiers: [nsn('466666666')] }, issuedAt: '2026-03-07T01:00:00Z' } }] });
      const res = ok(await app.api('POST', `/v1/providers/${providerId}/events`, { key: providerKey, raw, headers: { 'ledger-signature-key-id': keyId, 'ledger-signature': signBody(raw, pair.privateKey) } }), 207);
      expect(res.results[0].outcome).toBe('accepted');
      return res.results[0].credentialId;
    };
    const ghost = await sendSigned('DK-SIG-1', 'ghost');
    ok(await app.api('POST', `/v1/providers/${providerId}/signing-keys`, { key: providerKey, body: { keyId: 'k-old', publicKeyJwk: pair.publicKeyJwk } }), 201);
    ok(await app.api('POST', `/v1/providers/${providerId}/signing-keys/k-old/revocation`, { key: providerKey, body: { reason: 'rotated' } }));
    const revoked = await sendSigned('DK-SIG-2', 'k-old');
    await eventually(async () => (await list('kind=unknown-signing-key')).length === 2, 15_000, 'unknown-signing-key raised');
    const raised = await list('kind=unknown-signing-key');
    expect(forCredential(raised, ghost)[0]).toMatchObject({ jurisdiction: 'NZ', status: 'open', subject: { credentialId: ghost, providerId, achievementId } });
    expect(forCredential(raised, ghost)[0].details[0]).toContain('"ghost", a key id the provider never added');
    expect(forCredential(raised, revoked)[0].details[0]).toContain('"k-old", a key the provider had revoked');
  });

  it('raises and supersedes nothing twice: a restart, then a replay from an empty read store, write no event', async () => {
    const before = await list('');
    const head = await settledHead(app, admin);
    await app.stop();
    app = await AppProcess.start({ dataDir: dir, env: { RAISE_DISCREPANCIES: 'on' } });
    expect(await settledHead(app, admin)).toBe(head);
    await app.stop();
    for (const f of ['read.db', 'read.db-wal', 'read.db-shm']) if (existsSync(join(dir, f))) rmSync(join(dir, f));
    app = await AppProcess.start({ dataDir: dir, env: { RAISE_DISCREPANCIES: 'on' } });
    await eventually(async () => (await list('')).length === before.length, 30_000, 'read store rebuilt');
    // Give the process manager time to run over the whole log again.
    expect(await settledHead(app, admin)).toBe(head);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await settledHead(app, admin)).toBe(head);
    expect(await list('')).toEqual(before);
  }, 120_000);
});
