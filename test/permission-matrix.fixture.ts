import { createHash, randomUUID } from 'node:crypto';
import { AppProcess, ApiResponse, ed25519KeyPair, eventually, issueItem, sampleAchievement, signBody } from '@app/testing';

export const ROLES = ['admin', 'provider', 'qa-body', 'regulator', 'partner', 'learner'] as const;
export type Role = (typeof ROLES)[number];

/** One key per role scoped to world A (in scope), one scoped to world B (out of scope), and the dead ones. */
export interface RoleKeys {
  inScope: string;
  /** Absent for admin: an admin key has no scope to be outside of. */
  outOfScope?: string;
  revoked: string;
  /** Replaced by `inScope` through a rotation: valid until `expiresAt`, refused after. */
  expired: string;
}

/** The fields of answers the fixture reads. */
interface Answer {
  apiKey: string;
  keyId: string;
  achievementId: string;
  accreditationId: string;
  results: { outcome: string; credentialId: string }[];
  learners: { learnerId: string }[];
  items: { discrepancyId: string; subject: { credentialId?: string } }[];
  next?: string;
}

const ok = (res: ApiResponse, status: number | number[], what: string): Answer => {
  if (!([] as number[]).concat(status).includes(res.status)) throw new Error(`${what}: expected ${String(status)}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as Answer;
};

const PAST_WINDOW = { validFrom: '2020-01-01T00:00:00Z', validUntil: '2021-01-01T00:00:00Z' };

/**
 * The world the permission matrix runs in, built through the public API only. World A: provider
 * `mx-a` (NZ), QA body `mx-nzqa` (NZ), learner A, partner `mx-partner-a`. World B: provider `mx-b`
 * (AU), QA body `mx-teqsa` (AU), learner B, partner `mx-partner-b`. Every role has an in-scope key
 * (world A) and an out-of-scope one (world B). Accreditations lie in the past, so every credential
 * issued here is unaccredited and raises a discrepancy (the app runs with RAISE_DISCREPANCIES on).
 */
export class MatrixFixture {
  readonly admin: string;
  readonly providerA = 'mx-a';
  readonly providerB = 'mx-b';
  readonly qaA = 'mx-nzqa';
  readonly qaB = 'mx-teqsa';
  readonly partnerA = 'mx-partner-a';
  readonly partnerB = 'mx-partner-b';
  keys = {} as Record<Role, RoleKeys>;
  expiresAt = 0;
  achievementA = '';
  credentialA = { credentialId: '', ref: '' };
  learnerA = '';
  learnerB = '';
  accreditationA = '';
  evidenceDigest = '';
  private readonly memos = new Map<string, Promise<unknown>>();
  private counter = 0;

  private constructor(readonly app: AppProcess) {
    this.admin = app.adminKey();
  }

  static async build(app: AppProcess): Promise<MatrixFixture> {
    const fx = new MatrixFixture(app);
    await fx.setUp();
    return fx;
  }

  /** A unique suffix: lower-case, digits. */
  unique(prefix: string): string {
    this.counter += 1;
    return `${prefix}-${this.counter}-${randomUUID().slice(0, 6)}`;
  }

  /** The same value for every caller of `name` (shared targets that no refused request may change). */
  memo<T>(name: string, make: () => Promise<T>): Promise<T> {
    if (!this.memos.has(name)) this.memos.set(name, make());
    return this.memos.get(name) as Promise<T>;
  }

  async as(key: string, method: string, path: string, body?: unknown, status: number | number[] = [200, 201]): Promise<Answer> {
    return ok(await this.app.api(method, path, { key, body }), status, `${method} ${path}`);
  }

  private async setUp(): Promise<void> {
    const { admin } = this;
    for (const [providerId, jurisdiction] of [[this.providerA, 'NZ'], [this.providerB, 'AU']]) {
      await this.as(admin, 'POST', '/v1/providers', { providerId, name: providerId, jurisdiction, kind: 'university' }, 201);
    }
    await this.as(admin, 'POST', '/v1/qa-bodies', { qaBodyId: this.qaA, name: 'NZ body', jurisdictions: ['NZ'], frameworks: ['NZQCF'] }, 201);
    await this.as(admin, 'POST', '/v1/qa-bodies', { qaBodyId: this.qaB, name: 'AU body', jurisdictions: ['AU'], frameworks: ['AQF'] }, 201);
    for (const j of ['NZ', 'AU']) await this.as(admin, 'POST', `/v1/policies/${j}`, undefined, 201);
    // Partner keys need a registered partner. A's webhook points at a closed port: its status exists, its deliveries fail.
    const partnerScope = (j: string) => ({ jurisdictions: [j], eventKinds: ['credential.issued'], purposes: ['employment-verification'] });
    await this.as(admin, 'POST', '/v1/partners', { partnerId: this.partnerA, name: 'NZ partner', scope: partnerScope('NZ'), deliveries: { kafka: false, webhook: { url: 'http://127.0.0.1:9/hook' } } }, 201);
    await this.as(admin, 'POST', '/v1/partners', { partnerId: this.partnerB, name: 'AU partner', scope: partnerScope('AU'), deliveries: { kafka: false } }, 201);

    this.achievementA = await this.freshAchievement(this.providerA);
    const achievementB = await this.freshAchievement(this.providerB);
    this.credentialA = await this.issue(this.providerA, this.achievementA, '100000001');
    await this.issue(this.providerB, achievementB, '200000002');
    this.learnerA = await this.learnerHolding('100000001');
    this.learnerB = await this.learnerHolding('200000002');
    this.accreditationA = await this.freshAccreditation();
    await this.as(admin, 'POST', `/v1/achievements/${this.achievementA}/approvals`, { jurisdiction: 'NZ', qaBodyId: this.qaA }, 201);
    await this.as(admin, 'PUT', `/v1/learners/${this.learnerA}/consents/${this.partnerA}`, {}, 200);
    this.evidenceDigest = await this.signedBatch();

    const scopes: Record<Role, [object, object | undefined]> = {
      admin: [{}, undefined],
      provider: [{ providerId: this.providerA }, { providerId: this.providerB }],
      'qa-body': [{ qaBodyId: this.qaA }, { qaBodyId: this.qaB }],
      regulator: [{ jurisdictions: ['NZ'] }, { jurisdictions: ['AU'] }],
      partner: [{ partnerId: this.partnerA }, { partnerId: this.partnerB }],
      learner: [{ learnerId: this.learnerA }, { learnerId: this.learnerB }],
    };
    // Every old key expires at the same instant, a few seconds ahead: long enough to see it still work.
    const until = new Date(Date.now() + 4_000).toISOString();
    for (const role of ROLES) {
      const [inside, outside] = scopes[role];
      const old = await this.issueKey(role, inside);
      const rotated = await this.as(admin, 'POST', `/v1/api-keys/${old.keyId}/rotation`, { oldKeyValidUntil: until }, 201);
      const revoked = await this.issueKey(role, inside);
      await this.as(admin, 'POST', `/v1/api-keys/${revoked.keyId}/revocation`, { reason: 'permission matrix' }, 200);
      this.keys[role] = {
        inScope: rotated.apiKey,
        ...(outside ? { outOfScope: (await this.issueKey(role, outside)).apiKey } : {}),
        revoked: revoked.apiKey,
        expired: old.apiKey,
      };
      // Rotation keeps the old key working until the instant.
      await this.as(old.apiKey, 'GET', '/v1/policies/NZ', undefined, 200);
    }
    this.expiresAt = Date.parse(until);
    await this.as(admin, 'POST', '/v1/ledger/checkpoints', undefined, 200);
  }

  async issueKey(role: Role, scope: object): Promise<{ keyId: string; apiKey: string }> {
    return this.as(this.admin, 'POST', '/v1/api-keys', { role, scope }, 201);
  }

  async freshAchievement(providerId = this.providerA): Promise<string> {
    return (await this.as(this.admin, 'POST', `/v1/providers/${providerId}/achievements`, sampleAchievement, 201)).achievementId;
  }

  /** A credential issued by admin for the provider; a 9-digit identifier is an NZ-NSN. */
  async issue(providerId: string, achievementId: string, identifier = this.nsn()): Promise<{ credentialId: string; ref: string }> {
    const ref = this.unique('MX');
    const batch = await this.as(this.admin, 'POST', `/v1/providers/${providerId}/events`, { items: [issueItem(this.unique('src'), ref, achievementId, identifier)] }, 207);
    if (batch.results[0].outcome !== 'accepted') throw new Error(`issue: ${JSON.stringify(batch.results[0])}`);
    return { credentialId: batch.results[0].credentialId, ref };
  }

  nsn(): string {
    this.counter += 1;
    return String(300_000_000 + this.counter);
  }

  async learnerHolding(nsn: string): Promise<string> {
    const lookup = async () => (await this.as(this.admin, 'POST', '/v1/learners/lookup', { identifiers: [{ scheme: 'NZ-NSN', value: nsn }] }, 200)).learners;
    await eventually(async () => (await lookup()).length === 1, 15_000, `learner holding ${nsn}`);
    return (await lookup())[0].learnerId;
  }

  /** A learner of world A with one credential of provider A. */
  async freshLearner(): Promise<{ learnerId: string; credentialId: string }> {
    const nsn = this.nsn();
    const { credentialId } = await this.issue(this.providerA, this.achievementA, nsn);
    return { learnerId: await this.learnerHolding(nsn), credentialId };
  }

  async learnerKey(learnerId: string): Promise<string> {
    return (await this.issueKey('learner', { learnerId })).apiKey;
  }

  async freshAccreditation(): Promise<string> {
    const body = { qaBodyId: this.qaA, providerId: this.providerA, scope: { framework: 'NZQCF', minLevel: 5, maxLevel: 7 }, ...PAST_WINDOW };
    return (await this.as(this.admin, 'POST', '/v1/accreditations', body, 201)).accreditationId;
  }

  async freshSuspendedAccreditation(): Promise<string> {
    const id = await this.freshAccreditation();
    await this.as(this.admin, 'POST', `/v1/accreditations/${id}/suspension`, { effectiveFrom: '2020-06-01T00:00:00Z', reason: 'review' }, 200);
    return id;
  }

  /** An achievement of provider A approved in NZ. */
  async freshApproval(): Promise<string> {
    const achievementId = await this.freshAchievement();
    await this.as(this.admin, 'POST', `/v1/achievements/${achievementId}/approvals`, { jurisdiction: 'NZ', qaBodyId: this.qaA }, 201);
    return achievementId;
  }

  /** An open discrepancy about a fresh credential of provider A (NZ). */
  async freshDiscrepancy(): Promise<string> {
    const { credentialId } = await this.issue(this.providerA, this.achievementA);
    let found: string | undefined;
    await eventually(async () => {
      found = await this.discrepancyOf(credentialId);
      return found !== undefined;
    }, 15_000, `a discrepancy about ${credentialId}`);
    return found!;
  }

  private async discrepancyOf(credentialId: string): Promise<string | undefined> {
    let after: string | undefined;
    for (;;) {
      const page = await this.as(this.admin, 'GET', `/v1/discrepancies?status=open&limit=200${after ? `&after=${after}` : ''}`, undefined, 200);
      const hit = page.items.find((d) => d.subject.credentialId === credentialId);
      if (hit) return hit.discrepancyId;
      if (!page.next) return undefined;
      after = page.next;
    }
  }

  /** Two learners of world A merged: the record to split and the credential that came with the merge. */
  async mergedLearner(): Promise<{ learnerId: string; credentialId: string }> {
    const first = await this.freshLearner();
    const second = await this.freshLearner();
    await this.as(this.admin, 'POST', '/v1/learners/merge', { learnerIds: [first.learnerId, second.learnerId], reason: 'same person' }, 200);
    return { learnerId: first.learnerId, credentialId: second.credentialId };
  }

  /** The latest signed checkpoint's tree size. */
  async treeSize(): Promise<number> {
    const note = await this.app.api('GET', '/v1/ledger/checkpoint');
    return Number(String(note.body).split('\n')[1]);
  }

  /** A signing key of provider A, in force. */
  async freshSigningKey(): Promise<string> {
    const keyId = this.unique('k');
    await this.as(this.admin, 'POST', `/v1/providers/${this.providerA}/signing-keys`, { keyId, publicKeyJwk: ed25519KeyPair().publicKeyJwk }, 201);
    return keyId;
  }

  /** A signed batch of provider A: its body digest names the evidence. */
  private async signedBatch(): Promise<string> {
    const pair = ed25519KeyPair();
    await this.as(this.admin, 'POST', `/v1/providers/${this.providerA}/signing-keys`, { keyId: 'mx-evidence', publicKeyJwk: pair.publicKeyJwk }, 201);
    const raw = JSON.stringify({ items: [issueItem(this.unique('src'), this.unique('MX'), this.achievementA, this.nsn())] });
    const headers = { 'ledger-signature-key-id': 'mx-evidence', 'ledger-signature': signBody(raw, pair.privateKey) };
    ok(await this.app.api('POST', `/v1/providers/${this.providerA}/events`, { key: this.admin, raw, headers }), 207, 'signed batch');
    return createHash('sha256').update(raw).digest('hex');
  }
}
