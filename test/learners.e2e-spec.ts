import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentialIdFor } from '@app/contracts';
import { AppProcess, eventually, settledHead, setUpProvider } from '@app/testing';

const ok = (res: { status: number; body: unknown }, status = 200) => {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as any;
};
const fields = (res: { body: any }) => (res.body.errors ?? []).map((e: { field: string }) => e.field);
type Id = { scheme: string; value: string };
const nsn = (value: string): Id => ({ scheme: 'NZ-NSN', value });
const email = (value: string): Id => ({ scheme: 'EMAIL', value });
const item = (ref: string, achievementId: string, identifiers: Id[]) => ({
  sourceEventId: `src-${ref}`, type: 'CredentialIssued', occurredAt: '2026-03-01T09:00:00Z',
  data: { credentialRef: ref, achievementId, holder: { identifiers }, issuedAt: '2026-03-01T00:00:00Z' },
});

/** Credentials from several providers joined into one learner record by identifier; conflicts left to people; merge and split. */
describe('learner records over HTTP', () => {
  let dir: string;
  let app: AppProcess;
  let admin: string;
  const providers: Record<string, { key: string; achievementId: string }> = {};

  const issue = async (providerId: string, ref: string, identifiers: Id[]) => {
    const p = providers[providerId];
    const batch = ok(await app.api('POST', `/v1/providers/${providerId}/events`, { key: p.key, body: { items: [item(ref, p.achievementId, identifiers)] } }), 207);
    expect(batch.results[0].outcome).toBe('accepted');
  };
  const lookup = async (identifiers: Id[], key = admin): Promise<string[]> =>
    ok(await app.api('POST', '/v1/learners/lookup', { key, body: { identifiers } })).learners.map((l: { learnerId: string }) => l.learnerId);
  /** Waits until the lookup answers exactly one learner, and returns it. */
  const learnerOf = async (identifiers: Id[], key = admin): Promise<string> => {
    await eventually(async () => (await lookup(identifiers, key)).length === 1, 15_000, 'identity resolution');
    return (await lookup(identifiers, key))[0];
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-learners-'));
    app = await AppProcess.start({ dataDir: dir, env: { RAISE_DISCREPANCIES: 'on' } });
    admin = app.adminKey();
    for (const id of ['lr-uni', 'lr-poly', 'lr-wananga']) providers[id] = await setUpProvider(app, id);
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('joins credentials from two providers sharing an NZ-NSN into one learner, found by either identifier', async () => {
    await issue('lr-uni', 'LR-1', [nsn('111 111 111')]);
    await issue('lr-poly', 'LR-2', [nsn('111111111'), email('Ana@Example.nz')]);
    const learner = await learnerOf([nsn('111-111-111')]);
    await eventually(async () => (await lookup([email('ana@example.nz')])).length === 1, 15_000, 'e-mail linked');
    expect(await lookup([email('ana@example.nz')])).toEqual([learner]);
    expect(await lookup([nsn('111111111'), email('ana@example.nz')])).toEqual([learner]);
    // Providers see learners holding their credentials only.
    expect(await lookup([nsn('111111111')], providers['lr-uni'].key)).toEqual([learner]);
    expect(await lookup([nsn('111111111')], providers['lr-wananga'].key)).toEqual([]);
    const regulator = ok(await app.api('POST', '/v1/api-keys', { key: admin, body: { role: 'regulator', scope: { jurisdictions: ['NZ'] } } }), 201).apiKey;
    const auRegulator = ok(await app.api('POST', '/v1/api-keys', { key: admin, body: { role: 'regulator', scope: { jurisdictions: ['AU'] } } }), 201).apiKey;
    expect(await lookup([nsn('111111111')], regulator)).toEqual([learner]);
    expect(await lookup([nsn('111111111')], auRegulator)).toEqual([]);
  });

  it('links a credential whose identifiers belong to two learners to neither; a merge joins them and a split undoes it', async () => {
    await issue('lr-uni', 'LR-3', [nsn('222222222')]);
    await issue('lr-poly', 'LR-4', [email('bo@example.nz')]);
    const first = await learnerOf([nsn('222222222')]);
    const second = await learnerOf([email('bo@example.nz')]);
    expect(first).not.toBe(second);
    await issue('lr-wananga', 'LR-5', [nsn('222222222'), email('bo@example.nz')]);
    // Resolution follows the log: once a later credential of the same provider is linked, LR-5 has been judged.
    await issue('lr-wananga', 'LR-6', [nsn('333333333')]);
    await learnerOf([nsn('333333333')], providers['lr-wananga'].key);
    expect(await lookup([nsn('222222222'), email('bo@example.nz')], providers['lr-wananga'].key)).toEqual([]);
    expect((await lookup([nsn('222222222'), email('bo@example.nz')])).sort()).toEqual([first, second].sort());
    // …and raised for people to decide, naming both learners and no identifier.
    const conflicted = credentialIdFor('lr-wananga', 'LR-5');
    const sameLearner = async () => ((await app.api('GET', '/v1/discrepancies?kind=possible-same-learner', { key: admin })).body.items ?? []) as { subject: { credentialId: string; learnerIds?: string[] }; status: string }[];
    await eventually(async () => (await sameLearner()).some((d) => d.subject.credentialId === conflicted), 15_000, 'possible-same-learner raised');
    const [raised] = (await sameLearner()).filter((d) => d.subject.credentialId === conflicted);
    expect(raised).toMatchObject({ status: 'open', subject: { credentialId: conflicted } });
    expect([...(raised.subject.learnerIds ?? [])].sort()).toEqual([first, second].sort());

    const merged = ok(await app.api('POST', '/v1/learners/merge', { key: admin, body: { learnerIds: [first, second], reason: 'same person, confirmed' } }));
    expect(merged).toMatchObject({ into: first, learnerIds: [first, second], position: expect.any(Number) });
    await eventually(async () => (await lookup([email('bo@example.nz')]))[0] === first, 15_000, 'merge projected');
    // The same request again (a client retry) is answered as the first and writes nothing.
    const head = await settledHead(app, admin);
    expect(ok(await app.api('POST', '/v1/learners/merge', { key: admin, body: { learnerIds: [first, second], reason: 'same person, confirmed' } }))).toEqual(merged);
    expect(await settledHead(app, admin)).toBe(head);

    const moved = credentialIdFor('lr-poly', 'LR-4');
    const split = ok(await app.api('POST', `/v1/learners/${first}/split`, { key: admin, body: { credentialIds: [moved], reason: 'merged in error' } }));
    expect(split).toMatchObject({ learnerId: first, newLearnerId: second, credentialIds: [moved] });
    await eventually(async () => (await lookup([email('bo@example.nz')]))[0] === second, 15_000, 'split projected');
    const splitHead = await settledHead(app, admin);
    expect(ok(await app.api('POST', `/v1/learners/${first}/split`, { key: admin, body: { credentialIds: [moved], reason: 'merged in error' } }))).toEqual(split);
    expect(await settledHead(app, admin)).toBe(splitHead);
    expect(await lookup([nsn('222222222')])).toEqual([first]);
  });

  it('refuses bad input naming the field, writing nothing', async () => {
    const learner = await learnerOf([nsn('111111111')]);
    const refusals = [
      [await app.api('POST', '/v1/learners/lookup', { key: admin, body: { identifiers: [] } }), 400, 'identifiers'],
      [await app.api('POST', '/v1/learners/lookup', { key: admin, body: { identifiers: [{ scheme: 'SHOE-SIZE', value: '9' }] } }), 400, 'identifiers[0].scheme'],
      [await app.api('POST', '/v1/learners/merge', { key: admin, body: { learnerIds: [learner, learner], reason: 'r' } }), 400, 'learnerIds'],
      [await app.api('POST', `/v1/learners/${learner}/split`, { key: admin, body: { credentialIds: [credentialIdFor('lr-uni', 'LR-3')], reason: 'r' } }), 400, 'credentialIds'],
    ] as const;
    for (const [res, status, field] of refusals) {
      expect(res.status).toBe(status);
      expect(res.contentType).toContain('application/problem+json');
      expect(fields(res)).toContain(field);
    }
    const unknown = await app.api('POST', '/v1/learners/merge', { key: admin, body: { learnerIds: [learner, '99999999-9999-4999-8999-999999999999'], reason: 'r' } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('LEARNER.NOT_FOUND');
    const provider = await app.api('POST', '/v1/learners/merge', { key: providers['lr-uni'].key, body: { learnerIds: [learner, learner], reason: 'r' } });
    expect(provider.status).toBe(403);
  });
});
