import { issueItem, sampleAchievement } from './ledger-fixtures';

/**
 * The bad-input corpus: every write route (and the dated read questions) with inputs that
 * must be refused — 4xx problem+json naming the field, or, inside a 207 batch, the item
 * rejected naming the field — and nothing written. Add a row whenever a route is added.
 */
export interface Fixtures {
  providerId: string;
  achievementId: string;
  accreditationId: string;
  qaBodyId: string;
  jwk: { kty: 'OKP'; crv: 'Ed25519'; x: string };
}

export interface Try {
  name: string;
  method?: 'GET' | 'POST' | 'PUT';
  path: (f: Fixtures) => string;
  as: 'admin' | 'provider' | 'qa';
  body?: (f: Fixtures) => unknown;
  /** A body sent as these exact bytes (for inputs JSON.stringify cannot produce). */
  raw?: string;
  headers?: Record<string, string>;
  /** Must be named: in `errors[].field` of the problem, or of the rejected batch item; or in `detail`. */
  field: string | RegExp;
  /** A field that must not be blamed instead (validFrom reported on validUntil). */
  notField?: string;
  /** 400 unless stated; 207 means "a batch whose item 0 is rejected". */
  status?: number;
}

const DELETE = Symbol('delete');
type Change = Record<string, unknown>;

/** A deep copy of `base` with each dotted path (`data.holder.birthDate`) set, or removed with DELETE. */
function edit<T>(base: T, changes: Change): T {
  const copy = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
  for (const [path, value] of Object.entries(changes)) {
    const keys = path.split('.');
    let target = copy;
    for (const k of keys.slice(0, -1)) target = target[k] as Record<string, unknown>;
    const last = keys[keys.length - 1];
    if (value === DELETE) delete target[last];
    else target[last] = value;
  }
  return copy as T;
}
const without = (path: string): Change => ({ [path]: DELETE });

const events = (f: Fixtures) => `/v1/providers/${f.providerId}/events`;
const issue = (f: Fixtures, change: Change) => ({ items: [edit(issueItem('bad-1', 'BAD-1', f.achievementId), change)] });
const amend = (change: Change) => ({ items: [edit({ sourceEventId: 'bad-amend', type: 'CredentialAmended', data: { credentialRef: 'BI-1', reason: 'r', changes: { grade: 'A' } } }, change)] });
const accreditation = (f: Fixtures) => ({ providerId: f.providerId, scope: { framework: 'NZQCF', minLevel: 5, maxLevel: 7 }, validFrom: '2026-03-01T00:00:00Z', validUntil: '2026-07-01T00:00:00Z' });
const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
const deep = (field: string, prefix = '') => `{${prefix}"${field}":${nested(10_000)}}`;
const wide = (keys: number) => `{${Array.from({ length: keys }, (_, i) => `"p${i}":1`).join(',')}}`;

/** Not real instants (or not in range, or without an offset). */
export const BAD_INSTANTS: unknown[] = [
  '2026-13-45T99:99:99Z', '2026-02-30T00:00:00Z', '2025-02-29T12:00:00Z', '2026-01-01T25:61:61Z', '2026-01-01T23:59:60Z',
  '2026-03-01T00:00:00', '2026-03-01T00:00:00+24:30', '1999-99-99', '0001-01-01T00:00:00Z', '2999-01-01T00:00:00Z', 'yesterday', 20260301,
];

const instantTries = (name: string, t: (bad: unknown) => Omit<Try, 'name'>): Try[] => BAD_INSTANTS.map((bad) => ({ name: `${name} = ${JSON.stringify(bad)}`, ...t(bad) }));

const dates: Try[] = [
  ...instantTries('batch issuedAt', (bad) => ({ path: events, as: 'provider', body: (f) => issue(f, { 'data.issuedAt': bad }), field: 'items[0].data.issuedAt', status: 207 })),
  ...instantTries('batch validUntil', (bad) => ({ path: events, as: 'provider', body: (f) => issue(f, { 'data.validUntil': bad }), field: 'items[0].data.validUntil', status: 207 })),
  ...instantTries('batch occurredAt', (bad) => ({ path: events, as: 'provider', body: (f) => issue(f, { occurredAt: bad }), field: 'items[0].occurredAt', status: 207 })),
  ...instantTries('amendment validUntil', (bad) => ({ path: events, as: 'provider', body: () => amend({ 'data.changes.validUntil': bad }), field: 'items[0].data.changes.validUntil', status: 207 })),
  ...instantTries('accreditation validFrom', (bad) => ({ path: () => '/v1/accreditations', as: 'qa', body: (f) => edit(accreditation(f), { validFrom: bad }), field: 'validFrom', notField: 'validUntil' })),
  ...instantTries('accreditation validUntil', (bad) => ({ path: () => '/v1/accreditations', as: 'qa', body: (f) => edit(accreditation(f), { validUntil: bad }), field: 'validUntil' })),
  ...['suspension', 'reinstatement', 'withdrawal'].flatMap((change) =>
    ['2026-02-30T00:00:00Z', '2026-01-01T25:61:61Z', '2026-03-01T00:00:00'].map((bad): Try => ({
      name: `accreditation ${change} effectiveFrom = ${bad}`, path: (f) => `/v1/accreditations/${f.accreditationId}/${change}`, as: 'qa', body: () => ({ effectiveFrom: bad, reason: 'r' }), field: 'effectiveFrom',
    })),
  ),
  ...['2026-13-45T99:99:99Z', '2026-02-30T00:00:00Z', '2026-03-01'].map((bad): Try => ({
    name: `approval withdrawal effectiveFrom = ${bad}`, path: (f) => `/v1/achievements/${f.achievementId}/approvals/NZ/withdrawal`, as: 'qa', body: () => ({ reason: 'r', effectiveFrom: bad }), field: 'effectiveFrom',
  })),
  ...['1999-99-99', '2026-02-30', '2026-01-01T25:61:61Z', '2026-03-01T00:00:00'].map((bad): Try => ({
    name: `standing as of ${bad}`, method: 'GET', path: (f) => `/v1/providers/${f.providerId}/standing?date=${encodeURIComponent(bad)}`, as: 'admin', field: 'date',
  })),
  ...['1999-99-99', '2026-02-30', '2199-01-01', '12-04-1999'].map((bad): Try => ({
    name: `birthDate = ${bad}`, path: events, as: 'provider', body: (f) => issue(f, { 'data.holder.birthDate': bad }), field: 'items[0].data.holder.birthDate', status: 207,
  })),
];

const nesting: Try[] = [
  { name: 'batch nested 10,000 levels', path: events, as: 'provider', raw: deep('items'), field: /^items(\[0\])+$/ },
  { name: 'batch item data nested 10,000 levels', path: events, as: 'provider', raw: `{"items":[{"sourceEventId":"d","type":"CredentialRevoked","data":{"x":${nested(10_000)}}}]}`, field: /^items\[0\]\.data\.x/ },
  { name: 'achievement nested 10,000 levels', path: (f) => `/v1/providers/${f.providerId}/achievements`, as: 'provider', raw: deep('title'), field: /^title/ },
  { name: 'provider nested 10,000 levels', path: () => '/v1/providers', as: 'admin', raw: deep('name'), field: /^name/ },
  { name: 'api key nested 10,000 levels', path: () => '/v1/api-keys', as: 'admin', raw: deep('scope', '"role":"provider",'), field: /^scope/ },
  { name: 'accreditation nested 10,000 levels', path: () => '/v1/accreditations', as: 'qa', raw: deep('scope'), field: /^scope/ },
  { name: 'qa body nested 10,000 levels', path: () => '/v1/qa-bodies', as: 'admin', raw: deep('frameworks'), field: /^frameworks/ },
  { name: 'bulk action nested 10,000 levels', path: (f) => `/v1/providers/${f.providerId}/bulk-actions`, as: 'provider', raw: deep('credentialRefs'), field: /^credentialRefs/ },
  { name: 'a __proto__ key inside a body', path: () => '/v1/accreditations', as: 'qa', raw: '{"scope":{"__proto__":{"framework":"NZQCF"}}}', field: 'scope.__proto__' },
  // Unknown keys by the hundred thousand once held the event loop for most of a minute (one field error each).
  { name: 'a body of 150,000 unknown properties', path: () => '/v1/providers', as: 'admin', raw: wide(150_000), field: '(body)' },
  { name: 'batch item data of 1,000 properties', path: events, as: 'provider', raw: `{"items":[{"sourceEventId":"w","type":"CredentialRevoked","data":${wide(1000)}}]}`, field: 'items[0].data' },
  { name: 'a body of 300,000 values', path: (f) => `/v1/providers/${f.providerId}/bulk-actions`, as: 'provider', raw: `{"credentialRefs":[${new Array(300_000).fill('0').join(',')}]}`, field: '(body)' },
];

const ids: Try[] = [
  { name: 'sourceEventId with a lone surrogate', path: events, as: 'provider', body: (f) => issue(f, { sourceEventId: 'evt-\udc00' }), field: 'items[0].sourceEventId', status: 207 },
  { name: 'credentialRef with a lone surrogate', path: events, as: 'provider', body: (f) => issue(f, { 'data.credentialRef': '\udc00' }), field: 'items[0].data.credentialRef', status: 207 },
  { name: 'sourceEventId with NUL', path: events, as: 'provider', body: (f) => issue(f, { sourceEventId: 'evt\u0000' }), field: 'items[0].sourceEventId', status: 207 },
  { name: 'sourceEventId with a space', path: events, as: 'provider', body: (f) => issue(f, { sourceEventId: 'evt 1' }), field: 'items[0].sourceEventId', status: 207 },
  { name: 'sourceEventId of 201 characters', path: events, as: 'provider', body: (f) => issue(f, { sourceEventId: 'e'.repeat(201) }), field: 'items[0].sourceEventId', status: 207 },
  { name: 'credentialRef with a bidi override', path: events, as: 'provider', body: (f) => issue(f, { 'data.credentialRef': 'CERT\u202e1' }), field: 'items[0].data.credentialRef', status: 207 },
  { name: 'credentialRef "constructor"', path: events, as: 'provider', body: (f) => issue(f, { 'data.credentialRef': 'constructor' }), field: 'items[0].data.credentialRef', status: 207 },
  { name: 'holder name with NUL', path: events, as: 'provider', body: (f) => issue(f, { 'data.holder.name': 'Aroha\u0000' }), field: 'items[0].data.holder.name', status: 207 },
  { name: 'holder name with a bidi isolate', path: events, as: 'provider', body: (f) => issue(f, { 'data.holder.name': 'Aroha\u2067x' }), field: 'items[0].data.holder.name', status: 207 },
  { name: 'revocation reason with a C1 control', path: events, as: 'provider', body: () => ({ items: [{ sourceEventId: 'r', type: 'CredentialRevoked', data: { credentialRef: 'BI-1', reason: 'x\u0085' } }] }), field: 'items[0].data.reason', status: 207 },
  { name: 'a batch item that is not an object', path: events, as: 'provider', body: () => ({ items: ['text'] }), field: 'items[0]', status: 207 },
  { name: 'bulk requestId with a lone surrogate', path: (f) => `/v1/providers/${f.providerId}/bulk-actions`, as: 'provider', body: () => ({ requestId: 'r\udc00', action: 'revoke', credentialRefs: ['BI-1'], reason: 'r' }), field: 'requestId' },
  { name: 'bulk credentialRef with NUL', path: (f) => `/v1/providers/${f.providerId}/bulk-actions`, as: 'provider', body: () => ({ requestId: 'r1', action: 'revoke', credentialRefs: ['BI-1', 'BI\u0000'], reason: 'r' }), field: 'credentialRefs' },
  { name: 'bulk credentialRef with a lone surrogate', path: (f) => `/v1/providers/${f.providerId}/bulk-actions`, as: 'provider', body: () => ({ requestId: 'r2', action: 'suspend', credentialRefs: ['\ud800'], reason: 'r' }), field: 'credentialRefs' },
  { name: 'bulk reason with a bidi override', path: (f) => `/v1/providers/${f.providerId}/bulk-actions`, as: 'provider', body: () => ({ requestId: 'r3', action: 'revoke', credentialRefs: ['BI-1'], reason: 'a\u202db' }), field: 'reason' },
  { name: 'signing key id __proto__', path: (f) => `/v1/providers/${f.providerId}/signing-keys`, as: 'provider', body: (f) => ({ keyId: '__proto__', publicKeyJwk: f.jwk }), field: 'keyId' },
  { name: 'signing key id constructor', path: (f) => `/v1/providers/${f.providerId}/signing-keys`, as: 'provider', body: (f) => ({ keyId: 'constructor', publicKeyJwk: f.jwk }), field: 'keyId' },
  { name: 'signing key id with NUL', path: (f) => `/v1/providers/${f.providerId}/signing-keys`, as: 'provider', body: (f) => ({ keyId: 'k\u0000', publicKeyJwk: f.jwk }), field: 'keyId' },
  { name: 'signing key as a string', path: (f) => `/v1/providers/${f.providerId}/signing-keys`, as: 'provider', body: () => ({ keyId: 'k2', publicKeyJwk: 'OKP' }), field: 'publicKeyJwk' },
  { name: 'signing key x not 32 bytes', path: (f) => `/v1/providers/${f.providerId}/signing-keys`, as: 'provider', body: (f) => ({ keyId: 'k3', publicKeyJwk: { ...f.jwk, x: 'abc' } }), field: 'publicKeyJwk.x' },
  { name: 'revoking signing key constructor', path: (f) => `/v1/providers/${f.providerId}/signing-keys/constructor/revocation`, as: 'provider', body: () => ({}), field: 'keyId' },
  { name: 'revoking signing key __proto__', path: (f) => `/v1/providers/${f.providerId}/signing-keys/__proto__/revocation`, as: 'provider', body: () => ({}), field: 'keyId' },
  { name: 'signature key id __proto__', path: events, as: 'provider', body: (f) => issue(f, {}), headers: { 'ledger-signature-key-id': '__proto__', 'ledger-signature': 'AAAA' }, field: 'ledger-signature-key-id', status: 403 },
  { name: 'signature key id constructor', path: events, as: 'provider', body: (f) => issue(f, {}), headers: { 'ledger-signature-key-id': 'constructor', 'ledger-signature': 'AAAA' }, field: 'ledger-signature-key-id', status: 403 },
  { name: 'signing policy not a boolean', method: 'PUT', path: (f) => `/v1/providers/${f.providerId}/signing-policy`, as: 'provider', body: () => ({ requireSignedBatches: 'yes' }), field: 'requireSignedBatches' },
];

const achievements = (f: Fixtures) => `/v1/providers/${f.providerId}/achievements`;
const revisions = (f: Fixtures) => `/v1/providers/${f.providerId}/achievements/${f.achievementId}/revisions`;
const achievementTries: Try[] = [
  { name: 'achievement at NZQCF level 11', path: achievements, as: 'provider', body: () => edit(sampleAchievement, { 'level.value': 11 }), field: 'level.value' },
  { name: 'achievement in an unknown framework', path: achievements, as: 'provider', body: () => edit(sampleAchievement, { 'level.framework': 'XQF' }), field: 'level.framework' },
  { name: 'achievement in credit system "bananas"', path: achievements, as: 'provider', body: () => edit(sampleAchievement, { 'workload.credits.system': 'bananas' }), field: 'workload.credits.system' },
  { name: 'achievement with negative credits', path: achievements, as: 'provider', body: () => edit(sampleAchievement, { 'workload.credits.value': -1 }), field: 'workload.credits.value' },
  { name: 'achievement level as a string', path: achievements, as: 'provider', body: () => edit(sampleAchievement, { level: 'five' }), field: 'level' },
  { name: 'achievement title with NUL', path: achievements, as: 'provider', body: () => edit(sampleAchievement, { title: 'Data\u0000' }), field: 'title' },
  { name: 'achievement title with a bidi override', path: achievements, as: 'provider', body: () => edit(sampleAchievement, { title: 'Data \u202eLiteracy' }), field: 'title' },
  { name: 'achievement outcomes as a string', path: achievements, as: 'provider', body: () => edit(sampleAchievement, { learningOutcomes: 'everything' }), field: 'learningOutcomes' },
  { name: 'achievement without workload', path: achievements, as: 'provider', body: () => edit(sampleAchievement, without('workload')), field: 'workload' },
  { name: 'achievement with an unknown property', path: achievements, as: 'provider', body: () => edit(sampleAchievement, { colour: 'red' }), field: 'colour' },
  { name: 'achievement with free-text quality assurance', path: achievements, as: 'provider', body: () => edit(sampleAchievement, { qualityAssurance: 'external: NZQA' }), field: 'qualityAssurance' },
  { name: 'achievement with an unknown type of quality assurance', path: achievements, as: 'provider', body: () => edit(sampleAchievement, { qualityAssurance: { type: 'self' } }), field: 'qualityAssurance.type' },
  { name: 'achievement with quality assurance "other" and no description', path: achievements, as: 'provider', body: () => edit(sampleAchievement, { qualityAssurance: { type: 'other' } }), field: 'qualityAssurance.description' },
  { name: 'achievement id not a UUID', path: achievements, as: 'provider', body: () => edit(sampleAchievement, { achievementId: 'a1' }), field: 'achievementId' },
  { name: 'revision at NZQCF level 11', path: revisions, as: 'provider', body: () => edit({ ...sampleAchievement, reason: 'r' }, { 'level.value': 11 }), field: 'level.value' },
  { name: 'revision in credit system "bananas"', path: revisions, as: 'provider', body: () => edit({ ...sampleAchievement, reason: 'r' }, { 'workload.credits.system': 'bananas' }), field: 'workload.credits.system' },
  { name: 'revision reason with a bidi override', path: revisions, as: 'provider', body: () => ({ ...sampleAchievement, reason: '\u2066r' }), field: 'reason' },
  // Verifiable log (step 9): a leaf is at most 65,535 bytes (tlog-tiles entries carry a 2-byte length).
  { name: 'achievement whose event would pass 65,535 bytes', path: achievements, as: 'provider', body: () => edit(sampleAchievement, { learningOutcomes: Array(50).fill('é'.repeat(1500)) }), field: 'learningOutcomes' },
  { name: 'revision whose event would pass 65,535 bytes', path: revisions, as: 'provider', body: () => ({ ...sampleAchievement, learningOutcomes: Array(50).fill('x'.repeat(2000)), reason: 'r' }), field: /learningOutcomes$/ },
  { name: 'retirement reason with NUL', path: (f) => `/v1/providers/${f.providerId}/achievements/${f.achievementId}/retirement`, as: 'provider', body: () => ({ reason: '\u0000' }), field: 'reason' },
  { name: 'retirement of a non-UUID achievement', path: (f) => `/v1/providers/${f.providerId}/achievements/xyz/retirement`, as: 'provider', body: () => ({ reason: 'r' }), field: 'achievementId' },
];

const admin: Try[] = [
  { name: 'provider id with a lone surrogate', path: () => '/v1/providers', as: 'admin', body: () => ({ providerId: 'p\udc00', name: 'P', jurisdiction: 'NZ', kind: 'university' }), field: 'providerId' },
  { name: 'provider name with NUL', path: () => '/v1/providers', as: 'admin', body: () => ({ providerId: 'bad-p-1', name: 'P\u0000', jurisdiction: 'NZ', kind: 'university' }), field: 'name' },
  { name: 'provider name with a bidi override', path: () => '/v1/providers', as: 'admin', body: () => ({ providerId: 'bad-p-2', name: 'P\u202e', jurisdiction: 'NZ', kind: 'university' }), field: 'name' },
  { name: 'provider jurisdiction lower-case', path: () => '/v1/providers', as: 'admin', body: () => ({ providerId: 'bad-p-3', name: 'P', jurisdiction: 'nz', kind: 'university' }), field: 'jurisdiction' },
  { name: 'api key scope.jurisdictions as a string', path: () => '/v1/api-keys', as: 'admin', body: (f) => ({ role: 'qa-body', scope: { qaBodyId: f.qaBodyId, jurisdictions: 'NZ' } }), field: 'scope.jurisdictions' },
  { name: 'api key scope.jurisdictions not codes', path: () => '/v1/api-keys', as: 'admin', body: (f) => ({ role: 'qa-body', scope: { qaBodyId: f.qaBodyId, jurisdictions: ['new zealand'] } }), field: 'scope.jurisdictions' },
  { name: 'api key scope as a string', path: () => '/v1/api-keys', as: 'admin', body: () => ({ role: 'provider', scope: 'all' }), field: 'scope' },
  { name: 'api key qaBodyId __proto__', path: () => '/v1/api-keys', as: 'admin', body: () => ({ role: 'qa-body', scope: { qaBodyId: '__proto__' } }), field: 'scope.qaBodyId' },
  { name: 'api key label with NUL', path: () => '/v1/api-keys', as: 'admin', body: (f) => ({ role: 'provider', scope: { providerId: f.providerId }, label: 'ci\u0000' }), field: 'label' },
  { name: 'api key unknown role', path: () => '/v1/api-keys', as: 'admin', body: () => ({ role: 'root' }), field: 'role' },
  { name: 'qa body framework "bananas"', path: () => '/v1/qa-bodies', as: 'admin', body: () => ({ qaBodyId: 'bad-qa-1', name: 'Q', jurisdictions: ['NZ'], frameworks: ['bananas'] }), field: /^frameworks/ },
  { name: 'qa body name with a bidi override', path: () => '/v1/qa-bodies', as: 'admin', body: () => ({ qaBodyId: 'bad-qa-2', name: 'Q\u202a', jurisdictions: ['NZ'], frameworks: ['NZQCF'] }), field: 'name' },
  { name: 'qa body jurisdictions as a string', path: () => '/v1/qa-bodies', as: 'admin', body: () => ({ qaBodyId: 'bad-qa-3', name: 'Q', jurisdictions: 'NZ', frameworks: ['NZQCF'] }), field: 'jurisdictions' },
  { name: 'policy for a jurisdiction that is not a code', path: () => '/v1/policies/new-zealand', as: 'admin', field: 'jurisdiction' },
];

const qa: Try[] = [
  { name: 'accreditation without scope', path: () => '/v1/accreditations', as: 'qa', body: (f) => edit(accreditation(f), without('scope')), field: 'scope' },
  { name: 'accreditation scope as a string', path: () => '/v1/accreditations', as: 'qa', body: (f) => edit(accreditation(f), { scope: 'NZQCF 5-7' }), field: 'scope' },
  { name: 'accreditation at NZQCF level 11', path: () => '/v1/accreditations', as: 'qa', body: (f) => edit(accreditation(f), { 'scope.maxLevel': 11 }), field: 'scope.maxLevel' },
  { name: 'accreditation in an unknown framework', path: () => '/v1/accreditations', as: 'qa', body: (f) => edit(accreditation(f), { 'scope.framework': 'XQF' }), field: 'scope.framework' },
  { name: 'accreditation fields not ISCED-F', path: () => '/v1/accreditations', as: 'qa', body: (f) => edit(accreditation(f), { 'scope.fields': ['maths'] }), field: 'scope.fields' },
  { name: 'accreditation window ending before it starts', path: () => '/v1/accreditations', as: 'qa', body: (f) => edit(accreditation(f), { validUntil: '2026-02-01T00:00:00Z' }), field: 'validUntil' },
  { name: 'accreditation decisionRef with NUL', path: () => '/v1/accreditations', as: 'qa', body: (f) => edit(accreditation(f), { decisionRef: 'd\u0000' }), field: 'decisionRef' },
  { name: 'suspension reason with a bidi override', path: (f) => `/v1/accreditations/${f.accreditationId}/suspension`, as: 'qa', body: () => ({ effectiveFrom: '2026-04-01T00:00:00Z', reason: 'r\u202e' }), field: 'reason' },
  { name: 'suspension of a non-UUID accreditation', path: () => '/v1/accreditations/abc/suspension', as: 'qa', body: () => ({ effectiveFrom: '2026-04-01T00:00:00Z', reason: 'r' }), field: 'accreditationId' },
  { name: 'approval at NZQCF level 11', path: (f) => `/v1/achievements/${f.achievementId}/approvals`, as: 'qa', body: () => ({ jurisdiction: 'NZ', level: { framework: 'NZQCF', value: 11 } }), field: 'level.value' },
  { name: 'approval in credit system "bananas"', path: (f) => `/v1/achievements/${f.achievementId}/approvals`, as: 'qa', body: () => ({ jurisdiction: 'NZ', credits: { system: 'bananas', value: 15 } }), field: 'credits.system' },
  { name: 'approval in an unknown QF-EHEA cycle', path: (f) => `/v1/achievements/${f.achievementId}/approvals`, as: 'qa', body: () => ({ jurisdiction: 'NZ', cycle: 'fourth' }), field: 'cycle' },
  { name: 'approval in an unknown framework', path: (f) => `/v1/achievements/${f.achievementId}/approvals`, as: 'qa', body: () => ({ jurisdiction: 'NZ', level: { framework: 'XQF', value: 1 } }), field: 'level.framework' },
  { name: 'approval jurisdiction with NUL', path: (f) => `/v1/achievements/${f.achievementId}/approvals`, as: 'qa', body: () => ({ jurisdiction: 'NZ\u0000' }), field: 'jurisdiction' },
  { name: 'approval withdrawal reason with NUL', path: (f) => `/v1/achievements/${f.achievementId}/approvals/NZ/withdrawal`, as: 'qa', body: () => ({ reason: '\u0000' }), field: 'reason' },
];

/** Holder identifiers are normalised per scheme before digesting; a scheme the ledger does not know, or a value it refuses, is named. */
const identifierTries: Try[] = [
  { name: 'holder identifier of an unknown scheme', path: events, as: 'provider', body: (f) => issue(f, { 'data.holder.identifiers': [{ scheme: 'US-SSN', value: '078051120' }] }), field: 'items[0].data.holder.identifiers[0].scheme', status: 207 },
  { name: 'AU-USI with a bad check character', path: events, as: 'provider', body: (f) => issue(f, { 'data.holder.identifiers': [{ scheme: 'AU-USI', value: '223456789X' }] }), field: 'items[0].data.holder.identifiers[0].value', status: 207 },
  { name: 'holder identifier nested in an array', path: events, as: 'provider', body: (f) => issue(f, { 'data.holder.identifiers': [[{ scheme: 'NZ-NSN', value: '123456789' }]] }), field: 'items[0].data.holder.identifiers', status: 207 },
  { name: 'NZ-NSN of 8 digits', path: events, as: 'provider', body: (f) => issue(f, { 'data.holder.identifiers': [{ scheme: 'NZ-NSN', value: '12345678' }] }), field: 'items[0].data.holder.identifiers[0].value', status: 207 },
  { name: 'EU-ESI not in the schac URN form', path: events, as: 'provider', body: (f) => issue(f, { 'data.holder.identifiers': [{ scheme: 'EU-ESI', value: 'es:12345678Z' }] }), field: 'items[0].data.holder.identifiers[0].value', status: 207 },
  { name: 'second identifier an e-mail without a domain', path: events, as: 'provider', body: (f) => issue(f, { 'data.holder.identifiers': [{ scheme: 'NZ-NSN', value: '123456789' }, { scheme: 'EMAIL', value: 'aroha@' }] }), field: 'items[0].data.holder.identifiers[1].value', status: 207 },
];

/** The read-back routes refuse bad query parameters naming them. */
const readBackTries: Try[] = [
  { name: 'providers list limit = 0', method: 'GET', path: () => '/v1/providers?limit=0', as: 'admin', field: 'limit' },
  { name: 'providers list jurisdiction = nowhere', method: 'GET', path: () => '/v1/providers?jurisdiction=nowhere', as: 'admin', field: 'jurisdiction' },
  { name: 'credentials list status = lost', method: 'GET', path: (f) => `/v1/providers/${f.providerId}/credentials?status=lost`, as: 'provider', field: 'status' },
  { name: 'credentials list after = not a credentialId', method: 'GET', path: (f) => `/v1/providers/${f.providerId}/credentials?after=42`, as: 'provider', field: 'after' },
  { name: 'accreditations list providerId = not a slug', method: 'GET', path: () => '/v1/accreditations?providerId=NOT%20A%20SLUG', as: 'qa', field: 'providerId' },
];

/** Standing and discrepancies refuse bad parameters and bodies naming them. */
const discrepancyTries: Try[] = [
  { name: 'standing of a credentialId that is not a UUID', method: 'GET', path: () => '/v1/credentials/not-a-uuid/standing', as: 'admin', field: 'credentialId' },
  { name: 'discrepancies kind = odd', method: 'GET', path: () => '/v1/discrepancies?kind=odd', as: 'admin', field: 'kind' },
  { name: 'discrepancies status = lost', method: 'GET', path: () => '/v1/discrepancies?status=lost', as: 'admin', field: 'status' },
  { name: 'discrepancies jurisdiction = nowhere', method: 'GET', path: () => '/v1/discrepancies?jurisdiction=nowhere', as: 'admin', field: 'jurisdiction' },
  { name: 'discrepancies after = 42', method: 'GET', path: () => '/v1/discrepancies?after=42', as: 'admin', field: 'after' },
  { name: 'discrepancies limit = 0', method: 'GET', path: () => '/v1/discrepancies?limit=0', as: 'admin', field: 'limit' },
  { name: 'resolution of a discrepancyId that is not a UUID', path: () => '/v1/discrepancies/nope/resolution', as: 'admin', body: () => ({ resolution: 'dismissed', reason: 'r' }), field: 'discrepancyId' },
  { name: 'resolution = ignored', path: () => '/v1/discrepancies/6d0f1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b/resolution', as: 'admin', body: () => ({ resolution: 'ignored', reason: 'r' }), field: 'resolution' },
  // `superseded` is written by the ledger alone (a later event made the reason moot).
  { name: 'resolution = superseded (the ledger\'s own)', path: () => '/v1/discrepancies/6d0f1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b/resolution', as: 'admin', body: () => ({ resolution: 'superseded', reason: 'r' }), field: 'resolution' },
  { name: 'resolution without a reason', path: () => '/v1/discrepancies/6d0f1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b/resolution', as: 'admin', body: () => ({ resolution: 'dismissed' }), field: 'reason' },
];

/** Learner lookup, merge and split (records, step 8). */
const NO_LEARNER = '99999999-9999-4999-8999-999999999999';
const learnerTries: Try[] = [
  { name: 'learner lookup with an empty identifier list', path: () => '/v1/learners/lookup', as: 'admin', body: () => ({ identifiers: [] }), field: 'identifiers' },
  { name: 'learner lookup with an unknown scheme', path: () => '/v1/learners/lookup', as: 'admin', body: () => ({ identifiers: [{ scheme: 'US-SSN', value: '078051120' }] }), field: 'identifiers[0].scheme' },
  { name: 'learner lookup with an NZ-NSN of 8 digits', path: () => '/v1/learners/lookup', as: 'admin', body: () => ({ identifiers: [{ scheme: 'NZ-NSN', value: '12345678' }] }), field: 'identifiers[0].value' },
  { name: 'merge of one learner with itself', path: () => '/v1/learners/merge', as: 'admin', body: () => ({ learnerIds: [NO_LEARNER, NO_LEARNER], reason: 'r' }), field: 'learnerIds' },
  { name: 'merge of an unknown learner', path: () => '/v1/learners/merge', as: 'admin', body: () => ({ learnerIds: [NO_LEARNER, '88888888-8888-4888-8888-888888888888'], reason: 'r' }), field: 'learnerIds', status: 404 },
  { name: 'split of an unknown learner', path: () => `/v1/learners/${NO_LEARNER}/split`, as: 'admin', body: () => ({ credentialIds: [NO_LEARNER], reason: 'r' }), field: 'learnerId', status: 404 },
  { name: 'split with learnerId not a UUID', path: () => '/v1/learners/nobody/split', as: 'admin', body: () => ({ credentialIds: [NO_LEARNER], reason: 'r' }), field: 'learnerId' },
  { name: 'record of an unknown learner', method: 'GET', path: () => `/v1/learners/${NO_LEARNER}/record`, as: 'admin', field: 'learnerId', status: 404 },
  { name: 'record with learnerId not a UUID', method: 'GET', path: () => '/v1/learners/nobody/record', as: 'admin', field: 'learnerId' },
  ...['2026-02-30T00:00:00Z', '2026-03-01T00:00:00', 'yesterday', '2999-01-01T00:00:00Z'].map((bad): Try => ({
    name: `record as of ${bad}`, method: 'GET', path: () => `/v1/learners/${NO_LEARNER}/record?asOf=${encodeURIComponent(bad)}`, as: 'admin', field: 'asOf',
  })),
];

/** Stacks (records, step 8): definitions and learner progress. */
const stack = (f: Fixtures) => ({ title: 'Stacked certificate', jurisdiction: 'NZ', minimumEcts: 10, minimumEqfLevel: 5, achievements: [{ providerId: f.providerId, achievementId: f.achievementId, mandatory: true }] });
const stackTries: Try[] = [
  { name: 'stack without a title', path: () => '/v1/stacks', as: 'qa', body: (f) => edit(stack(f), without('title')), field: 'title' },
  { name: 'stack title with a bidi override', path: () => '/v1/stacks', as: 'qa', body: (f) => edit(stack(f), { title: 'Stack\u202e' }), field: 'title' },
  { name: 'stack minimumEqfLevel 9', path: () => '/v1/stacks', as: 'qa', body: (f) => edit(stack(f), { minimumEqfLevel: 9 }), field: 'minimumEqfLevel' },
  { name: 'stack minimumEcts 0', path: () => '/v1/stacks', as: 'qa', body: (f) => edit(stack(f), { minimumEcts: 0 }), field: 'minimumEcts' },
  { name: 'stack minimumEcts as a string', path: () => '/v1/stacks', as: 'qa', body: (f) => edit(stack(f), { minimumEcts: '10' }), field: 'minimumEcts' },
  { name: 'stack with no achievements', path: () => '/v1/stacks', as: 'qa', body: (f) => edit(stack(f), { achievements: [] }), field: 'achievements' },
  { name: 'stack naming an achievement twice', path: () => '/v1/stacks', as: 'qa', body: (f) => edit(stack(f), { achievements: [...stack(f).achievements, { ...stack(f).achievements[0], mandatory: false }] }), field: 'achievements' },
  { name: 'stack achievement mandatory not a boolean', path: () => '/v1/stacks', as: 'qa', body: (f) => edit(stack(f), { 'achievements.0.mandatory': 'yes' }), field: 'achievements[0].mandatory' },
  { name: 'stack achievement id not a UUID', path: () => '/v1/stacks', as: 'qa', body: (f) => edit(stack(f), { 'achievements.0.achievementId': 'a1' }), field: 'achievements[0].achievementId' },
  { name: 'stack naming an achievement its provider never defined', path: () => '/v1/stacks', as: 'admin', body: (f) => edit(stack(f), { 'achievements.0.achievementId': NO_LEARNER }), field: 'achievements[0].achievementId' },
  { name: 'stack stackId not a UUID', path: () => '/v1/stacks', as: 'qa', body: (f) => ({ ...stack(f), stackId: 'my-stack' }), field: 'stackId' },
  { name: "stack in a jurisdiction outside the qa-body's scope", path: () => '/v1/stacks', as: 'qa', body: (f) => edit(stack(f), { jurisdiction: 'AU' }), field: 'jurisdiction', status: 403 },
  { name: 'stack progress of a learnerId that is not a UUID', method: 'GET', path: () => '/v1/learners/nobody/stacks', as: 'admin', field: 'learnerId' },
  { name: 'stack progress of an unknown learner', method: 'GET', path: () => `/v1/learners/${NO_LEARNER}/stacks`, as: 'admin', field: 'learnerId', status: 404 },
];

/** Learner keys, consents and erasure (records, step 8). */
const consent = (partnerId = 'employer-portal') => `/v1/learners/${NO_LEARNER}/consents/${partnerId}`;
const consentTries: Try[] = [
  { name: 'learner key without learnerId', path: () => '/v1/api-keys', as: 'admin', body: () => ({ role: 'learner', scope: {} }), field: 'scope.learnerId' },
  { name: 'learner key with learnerId not a UUID', path: () => '/v1/api-keys', as: 'admin', body: () => ({ role: 'learner', scope: { learnerId: 'me' } }), field: 'scope.learnerId' },
  { name: 'learner key for a learner that does not exist', path: () => '/v1/api-keys', as: 'admin', body: () => ({ role: 'learner', scope: { learnerId: NO_LEARNER } }), field: 'scope.learnerId' },
  { name: 'consent for a malformed partnerId', method: 'PUT', path: () => consent('bad%20partner'), as: 'admin', body: () => ({}), field: 'partnerId' },
  { name: 'consent for learnerId not a UUID', method: 'PUT', path: () => '/v1/learners/nobody/consents/employer-portal', as: 'admin', body: () => ({}), field: 'learnerId' },
  { name: 'consent with a malformed expiresAt', method: 'PUT', path: () => consent(), as: 'admin', body: () => ({ expiresAt: '2027-02-30T00:00:00Z' }), field: 'expiresAt' },
  { name: 'consent with expiresAt in the past', method: 'PUT', path: () => consent(), as: 'admin', body: () => ({ expiresAt: '2020-01-01T00:00:00Z' }), field: 'expiresAt' },
  { name: 'consent for an unknown purpose', method: 'PUT', path: () => consent(), as: 'admin', body: () => ({ purposes: ['marketing'] }), field: /^purposes/ },
  { name: 'consent with no purpose listed', method: 'PUT', path: () => consent(), as: 'admin', body: () => ({ purposes: [] }), field: 'purposes' },
  { name: 'consent for a learner that does not exist', method: 'PUT', path: () => consent(), as: 'admin', body: () => ({}), field: 'learnerId', status: 404 },
  { name: 'erasure without a reason', path: () => `/v1/learners/${NO_LEARNER}/erasure`, as: 'admin', body: () => ({}), field: 'reason' },
  { name: 'erasure of a learner that does not exist', path: () => `/v1/learners/${NO_LEARNER}/erasure`, as: 'admin', body: () => ({ reason: 'r' }), field: 'learnerId', status: 404 },
];

/** Access audit and signed evidence (step 9, issue 12 items 2 and 4). */
const accessTries: Try[] = [
  { name: 'record read with a purpose not on the list', method: 'GET', path: () => `/v1/learners/${NO_LEARNER}/record`, as: 'admin', headers: { 'Ledger-Purpose': 'curiosity' }, field: 'Ledger-Purpose' },
  { name: 'record read with a purpose too long', method: 'GET', path: () => `/v1/learners/${NO_LEARNER}/record`, as: 'admin', headers: { 'Ledger-Purpose': 'x'.repeat(33) }, field: 'Ledger-Purpose' },
  { name: 'lookup with a purpose not on the list', path: () => '/v1/learners/lookup', as: 'admin', headers: { 'Ledger-Purpose': 'because' }, body: () => ({ identifiers: [{ scheme: 'NZ-NSN', value: '123456789' }] }), field: 'Ledger-Purpose' },
  { name: 'access log with a cursor it never handed out', method: 'GET', path: () => `/v1/learners/${NO_LEARNER}/access-log?after=garbage`, as: 'admin', field: 'after' },
  { name: 'access log with limit 0', method: 'GET', path: () => `/v1/learners/${NO_LEARNER}/access-log?limit=0`, as: 'admin', field: 'limit' },
  { name: 'access log with learnerId not a UUID', method: 'GET', path: () => '/v1/learners/nobody/access-log', as: 'admin', field: 'learnerId' },
  { name: 'access log of an unknown learner', method: 'GET', path: () => `/v1/learners/${NO_LEARNER}/access-log`, as: 'admin', field: 'learnerId', status: 404 },
  { name: 'evidence with a malformed digest', method: 'GET', path: () => '/v1/evidence/not-a-digest', as: 'admin', field: 'bodyDigest' },
  { name: 'evidence of an unknown digest', method: 'GET', path: () => `/v1/evidence/${'0'.repeat(64)}`, as: 'admin', field: 'bodyDigest', status: 404 },
];

/** The audit trail (step 9): cursors, ranges, limits, types, stream ids. */
const auditTries: Try[] = [
  { name: 'audit events after = not a cursor', method: 'GET', path: () => '/v1/audit/events?after=not-a-cursor!', as: 'admin', field: 'after' },
  { name: 'audit events after = a forged cursor', method: 'GET', path: () => `/v1/audit/events?after=${Buffer.from('x:1').toString('base64url')}`, as: 'admin', field: 'after' },
  { name: 'audit events from after to', method: 'GET', path: () => '/v1/audit/events?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', as: 'admin', field: 'from' },
  { name: 'audit events from not an instant', method: 'GET', path: () => '/v1/audit/events?from=2026-02-30T00:00:00Z', as: 'admin', field: 'from' },
  { name: 'audit events limit = 0', method: 'GET', path: () => '/v1/audit/events?limit=0', as: 'admin', field: 'limit' },
  { name: 'audit events limit = 10001', method: 'GET', path: () => '/v1/audit/events?limit=10001', as: 'admin', field: 'limit' },
  { name: 'audit events type unknown', method: 'GET', path: () => '/v1/audit/events?type=CredentialStolen', as: 'admin', field: 'type' },
  { name: 'audit events learnerId not a UUID', method: 'GET', path: () => '/v1/audit/events?learnerId=me', as: 'admin', field: 'learnerId' },
  { name: 'audit events jurisdiction = nowhere', method: 'GET', path: () => '/v1/audit/events?jurisdiction=nowhere', as: 'admin', field: 'jurisdiction' },
  { name: 'audit stream id malformed', method: 'GET', path: () => '/v1/audit/streams/Not%20A%20Stream', as: 'admin', field: 'streamId' },
  { name: 'audit state without asOf', method: 'GET', path: (f) => `/v1/audit/streams/provider-${f.providerId}/state`, as: 'admin', field: 'asOf' },
  { name: 'audit state asOf not an instant', method: 'GET', path: (f) => `/v1/audit/streams/provider-${f.providerId}/state?asOf=2026-13-01`, as: 'admin', field: 'asOf' },
];

/** The verifiable log's proofs (public routes; any key is fine): query parameters must be whole numbers inside the tree. */
const inclusion = (q: string) => () => `/v1/ledger/proofs/inclusion?${q}`;
const consistency = (q: string) => () => `/v1/ledger/proofs/consistency?${q}`;
const ledgerLogTries: Try[] = [
  { name: 'inclusion proof without index', method: 'GET', path: inclusion('treeSize=5'), as: 'admin', field: 'index' },
  { name: 'inclusion proof of index -1', method: 'GET', path: inclusion('index=-1'), as: 'admin', field: 'index' },
  { name: 'inclusion proof of index 1.5', method: 'GET', path: inclusion('index=1.5'), as: 'admin', field: 'index' },
  { name: 'inclusion proof of index 1e3', method: 'GET', path: inclusion('index=1e3'), as: 'admin', field: 'index' },
  { name: 'inclusion proof of index past 2^53', method: 'GET', path: inclusion('index=9007199254740993'), as: 'admin', field: 'index' },
  { name: 'inclusion proof with index = treeSize', method: 'GET', path: inclusion('index=5&treeSize=5'), as: 'admin', field: 'index' },
  { name: 'inclusion proof in a tree of 0', method: 'GET', path: inclusion('index=0&treeSize=0'), as: 'admin', field: 'treeSize' },
  { name: 'inclusion proof in a tree no checkpoint has', method: 'GET', path: inclusion('index=0&treeSize=987654'), as: 'admin', field: 'treeSize' },
  { name: 'inclusion proof with an unknown parameter', method: 'GET', path: inclusion('index=0&leaf=1'), as: 'admin', field: 'leaf' },
  { name: 'consistency proof from 0', method: 'GET', path: consistency('from=0&to=5'), as: 'admin', field: 'from' },
  { name: 'consistency proof from > to', method: 'GET', path: consistency('from=6&to=5'), as: 'admin', field: 'from' },
  { name: 'consistency proof to "latest"', method: 'GET', path: consistency('from=1&to=latest'), as: 'admin', field: 'to' },
  { name: 'consistency proof without from', method: 'GET', path: consistency('to=5'), as: 'admin', field: 'from' },
];

/** Partners and their feeds (step 10). */
const partner = () => ({ partnerId: 'corpus-partner', name: 'Corpus partner', scope: { jurisdictions: ['NZ'], eventKinds: ['credential.issued'], purposes: ['employment-verification'] }, deliveries: { kafka: true } });
const feed = (q: string) => () => `/v1/feeds/corpus-partner/events?${q}`;
const partnerTries: Try[] = [
  { name: 'partner without a partnerId', path: () => '/v1/partners', as: 'admin', body: () => edit(partner(), without('partnerId')), field: 'partnerId' },
  { name: 'partner id not a slug', path: () => '/v1/partners', as: 'admin', body: () => edit(partner(), { partnerId: 'Bad Partner' }), field: 'partnerId' },
  { name: 'partner name with a bidi override', path: () => '/v1/partners', as: 'admin', body: () => edit(partner(), { name: 'Partner\u202e' }), field: 'name' },
  { name: 'partner without a scope', path: () => '/v1/partners', as: 'admin', body: () => edit(partner(), without('scope')), field: 'scope' },
  { name: 'partner scope with no jurisdiction', path: () => '/v1/partners', as: 'admin', body: () => edit(partner(), { 'scope.jurisdictions': [] }), field: 'scope.jurisdictions' },
  { name: 'partner scope jurisdiction "nowhere"', path: () => '/v1/partners', as: 'admin', body: () => edit(partner(), { 'scope.jurisdictions': ['nowhere'] }), field: 'scope.jurisdictions' },
  { name: 'partner scope with an unknown event kind', path: () => '/v1/partners', as: 'admin', body: () => edit(partner(), { 'scope.eventKinds': ['credential.stolen'] }), field: 'scope.eventKinds' },
  { name: 'partner scope with an unknown purpose', path: () => '/v1/partners', as: 'admin', body: () => edit(partner(), { 'scope.purposes': ['marketing'] }), field: 'scope.purposes' },
  { name: 'partner deliveries.kafka not a boolean', path: () => '/v1/partners', as: 'admin', body: () => edit(partner(), { 'deliveries.kafka': 'yes' }), field: 'deliveries.kafka' },
  { name: 'partner webhook url not a URL', path: () => '/v1/partners', as: 'admin', body: () => edit(partner(), { 'deliveries.webhook': { url: 'not a url' } }), field: 'deliveries.webhook.url' },
  { name: 'partner key for a partner never registered', path: () => '/v1/api-keys', as: 'admin', body: () => ({ role: 'partner', scope: { partnerId: 'never-registered' } }), field: 'scope.partnerId' },
  { name: 'partner read of an id that is not a slug', method: 'GET', path: () => '/v1/partners/Not%20A%20Slug', as: 'admin', field: 'partnerId' },
  { name: 'partner read of an unknown partner', method: 'GET', path: () => '/v1/partners/never-registered', as: 'admin', field: 'partner', status: 404 },
  { name: 'feed after = -1', method: 'GET', path: feed('after=-1'), as: 'admin', field: 'after' },
  { name: 'feed after = 1.5', method: 'GET', path: feed('after=1.5'), as: 'admin', field: 'after' },
  { name: 'feed limit = 0', method: 'GET', path: feed('limit=0'), as: 'admin', field: 'limit' },
  { name: 'feed limit = 1001', method: 'GET', path: feed('limit=1001'), as: 'admin', field: 'limit' },
  { name: 'feed wait = 31', method: 'GET', path: feed('wait=31'), as: 'admin', field: 'wait' },
  { name: 'feed wait = soon', method: 'GET', path: feed('wait=soon'), as: 'admin', field: 'wait' },
  { name: 'webhook status of a partnerId that is not a slug', method: 'GET', path: () => '/v1/partners/Not%20A%20Slug/webhook', as: 'admin', field: 'partnerId' },
  { name: 'feed of a partnerId that is not a slug', method: 'GET', path: () => '/v1/feeds/Not%20A%20Slug/events', as: 'admin', field: 'partnerId' },
];

export const CORPUS: Try[] = [...dates, ...nesting, ...ids, ...achievementTries, ...admin, ...qa, ...identifierTries, ...readBackTries, ...discrepancyTries, ...learnerTries, ...stackTries, ...consentTries, ...accessTries, ...auditTries, ...ledgerLogTries, ...partnerTries];
