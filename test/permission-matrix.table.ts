import { MatrixFixture, Role } from './permission-matrix.fixture';

/**
 * Who may call what: every route of /docs-json with the answer each role gets. The permission
 * matrix (permission-matrix.e2e-spec.ts) fails for a route without an entry here and for an
 * entry whose route is gone, so a new route is added by adding its line.
 *
 * `roles` gives, per role, the status of a key scoped to the target (in scope) and, after it,
 * of a key scoped elsewhere (out of scope): `[in, out]`, or one number for both. A role left
 * out is refused for its role: 403 either way. An out-of-scope refusal must be the very answer
 * the same key gets for a target that does not exist. Without a key, or with a revoked or
 * expired one, every route but the public ones answers 401.
 *
 * A new route is one line: its key as /docs-json names it, the answers, and how to call it,
 * for instance a partner's own feed (the out-of-scope partner answered as for an unknown one):
 *
 *   'GET /v1/feeds/{partnerId}/events': { roles: { admin: 200, partner: [200, 404] },
 *     request: (fx, t) => ({ path: `/v1/feeds/${t.missing ? 'mx-none' : fx.partnerA}/events?wait=0` }) },
 *
 * `request` is called with the target wanted (`missing`, `fresh`): a call that may change its
 * target gets a fresh one, the refused ones may share one (see MatrixFixture.memo).
 */
export interface RouteRule {
  /** Needs no key: any caller, with or without a key (even a dead one), gets this status. */
  public?: number;
  roles?: Partial<Record<Role, number | [number, number]>>;
  /**
   * For a route that answers out-of-scope keys too (a list, a search): text that the in-scope
   * answer of each of these roles holds and the out-of-scope answer must not.
   */
  hides?: { roles: Role[]; marker: (fx: MatrixFixture) => string };
  request: (fx: MatrixFixture, target: Target) => Call | Promise<Call>;
}

export interface Target {
  /** The role of the key the call goes with; undefined without a key. */
  role?: Role;
  /** A target that does not exist (to compare an out-of-scope refusal with). */
  missing: boolean;
  /** The call is expected to reach the handler and may change its target: give it one of its own. */
  fresh: boolean;
}

export interface Call {
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Replaces the role's in-scope key: the learner's own key for a learner made for this call. */
  key?: string;
}

const NO_ID = '00000000-0000-4000-8000-000000000000';
const NO_PROVIDER = 'mx-none';
type Roles = RouteRule['roles'];
const READERS: Roles = { admin: 200, provider: [200, 404], 'qa-body': [200, 404], regulator: [200, 404] };
const LEARNER_READERS: Roles = { admin: 200, provider: [200, 404], regulator: [200, 404], learner: [200, 404] };
const PROVIDER_WRITE = (status: number): Roles => ({ admin: status, provider: [status, 403] });
const EVERY_ROLE: Roles = { admin: 200, provider: 200, 'qa-body': 200, regulator: 200, partner: 200, learner: 200 };

const provider = (fx: MatrixFixture, t: Target) => (t.missing ? NO_PROVIDER : fx.providerA);
const shared = <T>(fx: MatrixFixture, t: Target, name: string, make: () => Promise<T>) => (t.fresh ? make() : fx.memo(name, make));
const achievement = (fx: MatrixFixture, t: Target) => (t.missing ? Promise.resolve(NO_ID) : shared(fx, t, 'achievement', () => fx.freshAchievement()));
const learner = async (fx: MatrixFixture, t: Target) => (t.missing ? NO_ID : fx.learnerA);
const until = () => new Date(Date.now() + 3_600_000).toISOString();
const revision = (fx: MatrixFixture) => ({ ...ACHIEVEMENT, title: fx.unique('Revised'), reason: 'clearer outcomes' });
const ACHIEVEMENT = {
  title: 'Data Literacy Foundations', learningOutcomes: ['Interpret descriptive statistics'],
  workload: { hours: 150, credits: { system: 'NZQCF-credit', value: 15 } }, level: { framework: 'NZQCF', value: 5 },
  assessment: { type: 'portfolio', supervised: false, identityVerified: true }, participation: 'online', language: 'en',
};
/** Admins act for a QA body by naming it; a qa-body key acts for its own. */
const forBody = (fx: MatrixFixture, t: Target) => (t.role === 'admin' ? { qaBodyId: fx.qaA } : {});

export const MATRIX: Record<string, RouteRule> = {
  // operations
  'GET /health': { public: 200, request: () => ({ path: '/health' }) },
  'GET /metrics': { public: 200, request: () => ({ path: '/metrics' }) },
  'GET /v1/projections': { roles: { admin: 200, regulator: 200 }, request: () => ({ path: '/v1/projections' }) },
  'GET /v1/projections/parked': { roles: { admin: 200, regulator: 200 }, request: () => ({ path: '/v1/projections/parked' }) },

  // admin: keys, providers, QA bodies, policies
  'POST /v1/api-keys': { roles: { admin: 201 }, request: () => ({ path: '/v1/api-keys', body: { role: 'regulator', scope: { jurisdictions: ['NZ'] } } }) },
  'POST /v1/api-keys/{keyId}/revocation': {
    roles: { admin: 200 },
    request: async (fx, t) => ({ path: `/v1/api-keys/${t.missing ? 'f'.repeat(24) : (await shared(fx, t, 'api-key', () => fx.issueKey('regulator', { jurisdictions: ['NZ'] }))).keyId}/revocation`, body: { reason: 'matrix' } }),
  },
  'POST /v1/api-keys/{keyId}/rotation': {
    roles: { admin: 201 },
    request: async (fx, t) => ({ path: `/v1/api-keys/${t.missing ? 'f'.repeat(24) : (await shared(fx, t, 'api-key', () => fx.issueKey('regulator', { jurisdictions: ['NZ'] }))).keyId}/rotation`, body: { oldKeyValidUntil: until() } }),
  },
  'POST /v1/providers': { roles: { admin: 201 }, request: (fx) => ({ path: '/v1/providers', body: { providerId: fx.unique('mx-p'), name: 'New', jurisdiction: 'NZ', kind: 'college' } }) },
  'GET /v1/providers': { roles: { admin: 200, provider: 200, 'qa-body': 200, regulator: 200 }, hides: { roles: ['provider', 'qa-body', 'regulator'], marker: (fx) => `"${fx.providerA}"` }, request: () => ({ path: '/v1/providers' }) },
  'GET /v1/providers/{providerId}': { roles: READERS, request: (fx, t) => ({ path: `/v1/providers/${provider(fx, t)}` }) },
  'POST /v1/partners': { roles: { admin: 201 }, request: (fx) => ({ path: '/v1/partners', body: { partnerId: fx.unique('mx-pt'), name: 'New partner', scope: { jurisdictions: ['NZ'], eventKinds: ['credential.issued'], purposes: ['wallet'] }, deliveries: { kafka: false } } }) },
  'GET /v1/partners/{partnerId}': { roles: { admin: 200, partner: [200, 404] }, request: (fx, t) => ({ path: `/v1/partners/${t.missing ? 'mx-none' : fx.partnerA}` }) },
  'GET /v1/partners/{partnerId}/webhook': { roles: { admin: 200, partner: [200, 404] }, request: (fx, t) => ({ path: `/v1/partners/${t.missing ? 'mx-none' : fx.partnerA}/webhook` }) },
  'GET /v1/feeds/{partnerId}/events': { roles: { admin: 200, partner: [200, 404] }, request: (fx, t) => ({ path: `/v1/feeds/${t.missing ? 'mx-none' : fx.partnerA}/events?wait=0` }) },
  'POST /v1/qa-bodies': { roles: { admin: 201 }, request: (fx) => ({ path: '/v1/qa-bodies', body: { qaBodyId: fx.unique('mx-q'), name: 'New body', jurisdictions: ['NZ'], frameworks: ['NZQCF'] } }) },
  'GET /v1/qa-bodies': { roles: { admin: 200, 'qa-body': 200, regulator: 200 }, hides: { roles: ['qa-body', 'regulator'], marker: (fx) => `"${fx.qaA}"` }, request: () => ({ path: '/v1/qa-bodies' }) },
  'GET /v1/qa-bodies/{qaBodyId}': { roles: { admin: 200, 'qa-body': [200, 404], regulator: [200, 404] }, request: (fx, t) => ({ path: `/v1/qa-bodies/${t.missing ? NO_PROVIDER : fx.qaA}` }) },
  'POST /v1/policies/{jurisdiction}': { roles: { admin: 200 }, request: () => ({ path: '/v1/policies/NZ' }) },
  'GET /v1/policies/{jurisdiction}': { roles: EVERY_ROLE, request: () => ({ path: '/v1/policies/NZ' }) },

  // providers: signing keys, achievements, lifecycle events
  'POST /v1/providers/{providerId}/signing-keys': {
    roles: PROVIDER_WRITE(201),
    request: (fx, t) => ({ path: `/v1/providers/${provider(fx, t)}/signing-keys`, body: { keyId: fx.unique('k'), publicKeyJwk: { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' } } }),
  },
  'POST /v1/providers/{providerId}/signing-keys/{keyId}/revocation': {
    roles: PROVIDER_WRITE(200),
    request: async (fx, t) => ({ path: `/v1/providers/${provider(fx, t)}/signing-keys/${await shared(fx, t, 'signing-key', () => fx.freshSigningKey())}/revocation`, body: { reason: 'rotated' } }),
  },
  'PUT /v1/providers/{providerId}/signing-policy': { roles: PROVIDER_WRITE(200), request: (fx, t) => ({ path: `/v1/providers/${provider(fx, t)}/signing-policy`, body: { requireSignedBatches: false } }) },
  'POST /v1/providers/{providerId}/achievements': { roles: PROVIDER_WRITE(201), request: (fx, t) => ({ path: `/v1/providers/${provider(fx, t)}/achievements`, body: ACHIEVEMENT }) },
  'GET /v1/providers/{providerId}/achievements': { roles: READERS, request: (fx, t) => ({ path: `/v1/providers/${provider(fx, t)}/achievements` }) },
  'POST /v1/providers/{providerId}/achievements/{achievementId}/revisions': {
    roles: PROVIDER_WRITE(201),
    request: async (fx, t) => ({ path: `/v1/providers/${fx.providerA}/achievements/${await achievement(fx, t)}/revisions`, body: revision(fx) }),
  },
  'POST /v1/providers/{providerId}/achievements/{achievementId}/retirement': {
    roles: PROVIDER_WRITE(200),
    request: async (fx, t) => ({ path: `/v1/providers/${fx.providerA}/achievements/${await achievement(fx, t)}/retirement`, body: { reason: 'replaced' } }),
  },
  'GET /v1/achievements/{achievementId}': { roles: READERS, request: (fx, t) => ({ path: `/v1/achievements/${t.missing ? NO_ID : fx.achievementA}` }) },
  'POST /v1/providers/{providerId}/events': {
    roles: PROVIDER_WRITE(207),
    request: (fx, t) => ({
      path: `/v1/providers/${provider(fx, t)}/events`,
      body: { items: [{ sourceEventId: fx.unique('src'), type: 'CredentialSuspended', occurredAt: '2026-03-02T09:00:00Z', data: { credentialRef: fx.credentialA.ref, reason: 'review' } }] },
    }),
  },
  'POST /v1/providers/{providerId}/bulk-actions': {
    roles: PROVIDER_WRITE(207),
    request: (fx, t) => ({ path: `/v1/providers/${provider(fx, t)}/bulk-actions`, body: { requestId: fx.unique('bulk'), action: 'reinstate', credentialRefs: [fx.credentialA.ref], reason: 'reviewed' } }),
  },
  'GET /v1/evidence/{bodyDigest}': { roles: { admin: 200, provider: [200, 404], regulator: [200, 404] }, request: (fx, t) => ({ path: `/v1/evidence/${t.missing ? '0'.repeat(64) : fx.evidenceDigest}` }) },

  // quality assurance
  'POST /v1/accreditations': {
    roles: { admin: 201, 'qa-body': [201, 404] },
    request: (fx, t) => ({ path: '/v1/accreditations', body: { ...forBody(fx, t), providerId: provider(fx, t), scope: { framework: 'NZQCF', minLevel: 5, maxLevel: 7 }, validFrom: '2020-01-01T00:00:00Z', validUntil: '2021-01-01T00:00:00Z' } }),
  },
  'GET /v1/accreditations': { roles: { admin: 200, 'qa-body': 200, regulator: 200 }, hides: { roles: ['qa-body', 'regulator'], marker: (fx) => fx.accreditationA }, request: (fx) => ({ path: `/v1/accreditations?providerId=${fx.providerA}` }) },
  'GET /v1/accreditations/{accreditationId}': { roles: { admin: 200, 'qa-body': [200, 404], regulator: [200, 404] }, request: (fx, t) => ({ path: `/v1/accreditations/${t.missing ? NO_ID : fx.accreditationA}` }) },
  'POST /v1/accreditations/{accreditationId}/suspension': {
    roles: { admin: 200, 'qa-body': [200, 404] },
    request: async (fx, t) => ({ path: `/v1/accreditations/${t.missing ? NO_ID : await shared(fx, t, 'accreditation', () => fx.freshAccreditation())}/suspension`, body: { effectiveFrom: '2020-06-01T00:00:00Z', reason: 'review' } }),
  },
  'POST /v1/accreditations/{accreditationId}/reinstatement': {
    roles: { admin: 200, 'qa-body': [200, 404] },
    request: async (fx, t) => ({ path: `/v1/accreditations/${t.missing ? NO_ID : await shared(fx, t, 'suspended', () => fx.freshSuspendedAccreditation())}/reinstatement`, body: { effectiveFrom: '2020-07-01T00:00:00Z' } }),
  },
  'POST /v1/accreditations/{accreditationId}/withdrawal': {
    roles: { admin: 200, 'qa-body': [200, 404] },
    request: async (fx, t) => ({ path: `/v1/accreditations/${t.missing ? NO_ID : await shared(fx, t, 'accreditation', () => fx.freshAccreditation())}/withdrawal`, body: { effectiveFrom: '2020-08-01T00:00:00Z', reason: 'closed' } }),
  },
  'POST /v1/achievements/{achievementId}/approvals': {
    roles: { admin: 201, 'qa-body': [201, 403] },
    request: async (fx, t) => ({ path: `/v1/achievements/${await achievement(fx, t)}/approvals`, body: { ...forBody(fx, t), jurisdiction: 'NZ' } }),
  },
  'GET /v1/achievements/{achievementId}/approvals': { roles: { admin: 200, 'qa-body': 200, regulator: 200 }, hides: { roles: ['qa-body', 'regulator'], marker: () => '"jurisdiction":"NZ"' }, request: (fx, t) => ({ path: `/v1/achievements/${t.missing ? NO_ID : fx.achievementA}/approvals` }) },
  'POST /v1/achievements/{achievementId}/approvals/{jurisdiction}/withdrawal': {
    roles: { admin: 200, 'qa-body': [200, 403] },
    request: async (fx, t) => ({ path: `/v1/achievements/${t.missing ? NO_ID : await shared(fx, t, 'approval', () => fx.freshApproval())}/approvals/NZ/withdrawal`, body: { ...forBody(fx, t), reason: 'policy changed' } }),
  },
  'GET /v1/providers/{providerId}/standing': { roles: READERS, request: (fx, t) => ({ path: `/v1/providers/${provider(fx, t)}/standing` }) },
  'POST /v1/stacks': {
    roles: { admin: 201, 'qa-body': [201, 403] },
    request: async (fx, t) => ({
      path: '/v1/stacks',
      body: { title: fx.unique('Stack'), jurisdiction: 'NZ', minimumEcts: 5, minimumEqfLevel: 4, achievements: [{ providerId: fx.providerA, achievementId: t.missing ? NO_ID : fx.achievementA, mandatory: true }] },
    }),
  },

  // records: read-back, verification, standing
  'GET /v1/providers/{providerId}/credentials': { roles: READERS, request: (fx, t) => ({ path: `/v1/providers/${provider(fx, t)}/credentials` }) },
  'GET /v1/providers/{providerId}/credentials/by-ref/{credentialRef}': { roles: READERS, request: (fx, t) => ({ path: `/v1/providers/${fx.providerA}/credentials/by-ref/${t.missing ? 'NO-SUCH-REF' : fx.credentialA.ref}` }) },
  'GET /v1/credentials/{credentialId}/verification': { roles: EVERY_ROLE, request: (fx, t) => ({ path: `/v1/credentials/${t.missing ? NO_ID : fx.credentialA.credentialId}/verification` }) },
  'GET /v1/credentials/{credentialId}/standing': { roles: EVERY_ROLE, request: (fx, t) => ({ path: `/v1/credentials/${t.missing ? NO_ID : fx.credentialA.credentialId}/standing` }) },
  'GET /v1/discrepancies': { roles: { admin: 200, regulator: 200 }, hides: { roles: ['regulator'], marker: () => '"jurisdiction":"NZ"' }, request: () => ({ path: '/v1/discrepancies' }) },
  'POST /v1/discrepancies/{discrepancyId}/resolution': {
    roles: { admin: 200, regulator: [200, 404] },
    request: async (fx, t) => ({ path: `/v1/discrepancies/${t.missing ? NO_ID : await shared(fx, t, 'discrepancy', () => fx.freshDiscrepancy())}/resolution`, body: { resolution: 'dismissed', reason: 'checked' } }),
  },

  // records: learners
  'POST /v1/learners/lookup': { roles: { admin: 200, provider: 200, regulator: 200 }, hides: { roles: ['provider', 'regulator'], marker: (fx) => fx.learnerA }, request: (fx, t) => ({ path: '/v1/learners/lookup', body: { identifiers: [{ scheme: 'NZ-NSN', value: t.missing ? '999999999' : '100000001' }] } }) },
  'POST /v1/learners/merge': {
    roles: { admin: 200, regulator: [200, 404] },
    request: async (fx, t) => {
      const pair = t.missing ? [NO_ID, NO_ID.replace(/0$/, '1')] : await shared(fx, t, 'merge', async () => [(await fx.freshLearner()).learnerId, (await fx.freshLearner()).learnerId]);
      return { path: '/v1/learners/merge', body: { learnerIds: pair, reason: 'same person' } };
    },
  },
  'POST /v1/learners/{learnerId}/split': {
    roles: { admin: 200, regulator: [200, 404] },
    request: async (fx, t) => {
      const merged = t.missing ? { learnerId: NO_ID, credentialId: NO_ID } : await shared(fx, t, 'merged', () => fx.mergedLearner());
      return { path: `/v1/learners/${merged.learnerId}/split`, body: { credentialIds: [merged.credentialId], reason: 'merged in error' } };
    },
  },
  'GET /v1/learners/{learnerId}/record': { roles: LEARNER_READERS, request: async (fx, t) => ({ path: `/v1/learners/${await learner(fx, t)}/record` }) },
  'GET /v1/learners/{learnerId}/stacks': { roles: LEARNER_READERS, request: async (fx, t) => ({ path: `/v1/learners/${await learner(fx, t)}/stacks` }) },
  'GET /v1/learners/{learnerId}/access-log': { roles: { admin: 200, regulator: [200, 404], learner: [200, 404] }, request: async (fx, t) => ({ path: `/v1/learners/${await learner(fx, t)}/access-log` }) },
  'PUT /v1/learners/{learnerId}/consents/{partnerId}': { roles: { admin: 200, learner: [200, 404] }, request: async (fx, t) => ({ path: `/v1/learners/${await learner(fx, t)}/consents/${fx.partnerA}`, body: {} }) },
  'DELETE /v1/learners/{learnerId}/consents/{partnerId}': {
    roles: { admin: 200, learner: [200, 404] },
    request: async (fx, t) => {
      const partnerId = t.fresh ? fx.unique('mx-partner') : fx.partnerA;
      if (t.fresh) await fx.as(fx.admin, 'PUT', `/v1/learners/${fx.learnerA}/consents/${partnerId}`, {}, 200);
      return { path: `/v1/learners/${await learner(fx, t)}/consents/${partnerId}` };
    },
  },
  'GET /v1/learners/{learnerId}/consents': { roles: { admin: 200, learner: [200, 404] }, request: async (fx, t) => ({ path: `/v1/learners/${await learner(fx, t)}/consents` }) },
  'POST /v1/learners/{learnerId}/erasure': {
    roles: { admin: 200, learner: [200, 404] },
    request: async (fx, t) => {
      if (t.missing) return { path: `/v1/learners/${NO_ID}/erasure`, body: { reason: 'asked' } };
      // Erasure is final: each call that may succeed erases a learner of its own, with that learner's own key.
      const { learnerId } = await shared(fx, t, 'erasable', () => fx.freshLearner());
      const key = t.fresh && t.role === 'learner' ? await fx.learnerKey(learnerId) : undefined;
      return { path: `/v1/learners/${learnerId}/erasure`, body: { reason: 'asked' }, ...(key ? { key } : {}) };
    },
  },
  'GET /v1/learners/{learnerId}/erasure': { roles: { admin: 200, learner: [200, 404] }, request: async (fx, t) => ({ path: `/v1/learners/${await learner(fx, t)}/erasure` }) },

  // audit
  'GET /v1/audit/events': { roles: { admin: 200, regulator: 200 }, hides: { roles: ['regulator'], marker: (fx) => `"provider-${fx.providerA}"` }, request: (fx) => ({ path: `/v1/audit/events?providerId=${fx.providerA}` }) },
  'GET /v1/audit/streams/{streamId}': { roles: { admin: 200, regulator: [200, 404] }, request: (fx, t) => ({ path: `/v1/audit/streams/provider-${provider(fx, t)}` }) },
  'GET /v1/audit/streams/{streamId}/state': { roles: { admin: 200, regulator: [200, 404] }, request: (fx, t) => ({ path: `/v1/audit/streams/provider-${provider(fx, t)}/state?asOf=2099-01-01` }) },
  'GET /v1/audit/export': { roles: { admin: 200, regulator: 200 }, hides: { roles: ['regulator'], marker: (fx) => `"provider-${fx.providerA}"` }, request: () => ({ path: '/v1/audit/export' }) },

  // the verifiable log: public but for signing and the entry bundles (event bodies)
  'GET /v1/ledger/checkpoint': { public: 200, request: () => ({ path: '/v1/ledger/checkpoint' }) },
  'GET /v1/ledger/key': { public: 200, request: () => ({ path: '/v1/ledger/key' }) },
  'POST /v1/ledger/checkpoints': { roles: { admin: 200 }, request: () => ({ path: '/v1/ledger/checkpoints' }) },
  'GET /v1/ledger/proofs/inclusion': { public: 200, request: () => ({ path: '/v1/ledger/proofs/inclusion?index=0' }) },
  'GET /v1/ledger/proofs/consistency': { public: 200, request: () => ({ path: '/v1/ledger/proofs/consistency?from=1' }) },
  'GET /v1/ledger/tile/entries/{path}': { roles: { admin: 200 }, request: async (fx) => ({ path: `/v1/ledger/tile/entries/${tileName(await fx.treeSize())}` }) },
  'GET /v1/ledger/tile/{path}': { public: 200, request: async (fx) => ({ path: `/v1/ledger/tile/0/${tileName(await fx.treeSize())}` }) },
};

/** The first tile at level 0: full from 256 leaves, else partial of the tree's width. */
function tileName(size: number): string {
  return size >= 256 ? '000' : `000.p/${size}`;
}

/** Served beside the document, not in it: checked as public routes too. */
export const OUTSIDE_THE_DOCUMENT: Record<string, RouteRule> = {
  'GET /docs-json': { public: 200, request: () => ({ path: '/docs-json' }) },
  'GET /docs': { public: 200, request: () => ({ path: '/docs' }) },
};

const ROLE_ORDER: Role[] = ['admin', 'provider', 'qa-body', 'regulator', 'partner', 'learner'];

/**
 * The table as README shows it (section "Access control"): per route and role, `✓` (any target),
 * `own` (within the key's scope: outside it, answered as for a missing target, or left out of a
 * list), `–` (refused, 403),
 * or `public` for a route that needs no key.
 */
export function accessMarkdown(matrix: Record<string, RouteRule> = MATRIX): string {
  const cell = (rule: RouteRule, role: Role) => {
    const spec = rule.roles?.[role];
    if (spec === undefined || spec === 403) return '–';
    if (rule.hides?.roles.includes(role)) return 'own';
    return Array.isArray(spec) && spec[1] >= 400 && spec[0] < 400 ? 'own' : '✓';
  };
  const rows = Object.entries(matrix).map(([route, rule]) =>
    `| \`${route}\` | ${rule.public !== undefined ? 'public | | | | |' : ROLE_ORDER.map((role) => cell(rule, role)).join(' | ')} |`);
  return [`| route | ${ROLE_ORDER.join(' | ')} |`, `|---|${ROLE_ORDER.map(() => '---').join('|')}|`, ...rows].join('\n');
}
