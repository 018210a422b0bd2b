import { createHmac } from 'node:crypto';
import { compiledClass, jsonShapeProblem, PAYLOAD_CLASSES, ProviderEventBatch, ProviderEventItem, validatePlain } from '@app/contracts';
import { canonicalJson } from '@app/ledger-crypto';
import { issueItem } from '@app/testing';
import { CORPUS, Fixtures } from '@app/testing';
import { classValidatorItem, compiledItem, validateItem } from './item-validation';

const f: Fixtures = {
  providerId: 'uni-corpus', achievementId: '3b1c6f5e-8a54-4c1b-9d1e-2b7f0a3c4d5e', accreditationId: '6d1f2c3b-1a2b-4c3d-8e4f-5a6b7c8d9e0f', qaBodyId: 'qa-corpus',
  jwk: { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' },
};
const issued = issueItem('ok-1', 'OK-1', f.achievementId);
const withData = (data: Record<string, unknown>) => ({ ...issued, data: { ...issued.data, ...data } });
const holder = (h: Record<string, unknown>) => withData({ holder: { ...issued.data.holder, ...h } });
const amend = (changes: unknown, extra: Record<string, unknown> = {}) => ({ sourceEventId: 'a-1', type: 'CredentialAmended', data: { credentialRef: 'OK-1', reason: 'r', changes, ...extra } });
const lifecycle = (type: string, data: unknown) => ({ sourceEventId: 'l-1', type, data });

/** Items every kind of which the ledger must accept. */
const VALID: [string, unknown][] = [
  ['an issue', issued],
  ['an issue with every optional field', withData({ validUntil: '2031-03-01T00:00:00+13:00', grade: 'Merit', holder: { identifiers: [{ scheme: 'nz-nsn', value: '123456789' }, { scheme: 'EMAIL', value: 'A@Example.nz' }], name: 'Aroha Ngata', birthDate: '1999-04-12' } })],
  ['optional fields null', { ...withData({ validUntil: null, grade: null, holder: { ...issued.data.holder, name: null, birthDate: null } }), occurredAt: null, correlationId: null }],
  ['an upper-case UUID', withData({ achievementId: f.achievementId.toUpperCase() })],
  ['a correlation id', { ...issued, correlationId: '00000000-0000-0000-0000-000000000000' }],
  ['an amendment', amend({ grade: 'A', validUntil: '2030-01-01T00:00:00Z' })],
  ['an empty amendment', amend({})],
  ['a revocation', lifecycle('CredentialRevoked', { credentialRef: 'OK-1', reason: 'issued in error\nsee ticket' })],
  ['a suspension', lifecycle('CredentialSuspended', { credentialRef: 'OK-1', reason: 'audit' })],
  ['a reinstatement without a reason', lifecycle('CredentialReinstated', { credentialRef: 'OK-1' })],
  ['a reinstatement with a reason', lifecycle('CredentialReinstated', { credentialRef: 'OK-1', reason: 'cleared' })],
  ['ten identifiers', holder({ identifiers: Array.from({ length: 10 }, (_, i) => ({ scheme: 'EMAIL', value: `l${i}@example.nz` })) })],
  ['text at its longest', withData({ credentialRef: 'c'.repeat(200), grade: 'g'.repeat(100) })],
];

/** Refusals of every kind a rule can make, beside the bad-input corpus. */
const INVALID: [string, unknown][] = [
  ['null', null], ['an array', [issued]], ['a string', 'text'], ['an empty object', {}],
  ['no sourceEventId', { ...issued, sourceEventId: undefined }],
  ['sourceEventId null', { ...issued, sourceEventId: null }],
  ['sourceEventId a number', { ...issued, sourceEventId: 7 }],
  ['an unknown type', { ...issued, type: 'CredentialStolen' }],
  ['type in another case', { ...issued, type: 'credentialissued' }],
  ['an unknown envelope field', { ...issued, extra: 1 }],
  ['data an array', { ...issued, data: [] }],
  ['data null', { ...issued, data: null }],
  ['correlationId not a UUID', { ...issued, correlationId: 'c-1' }],
  ['correlationId a URN', { ...issued, correlationId: `urn:uuid:${f.achievementId}` }],
  ['occurredAt without an offset', { ...issued, occurredAt: '2026-03-01T09:00:00' }],
  ['an unknown data field', withData({ extra: true })],
  ['an unknown holder field', holder({ extra: true })],
  ['an unknown identifier field', holder({ identifiers: [{ scheme: 'NZ-NSN', value: '123456789', extra: 1 }] })],
  ['no achievementId', withData({ achievementId: undefined })],
  ['achievementId with braces', withData({ achievementId: `{${f.achievementId}}` })],
  ['achievementId of another version nibble', withData({ achievementId: '3b1c6f5e-8a54-9c1b-9d1e-2b7f0a3c4d5e' })],
  ['holder a string', withData({ holder: 'Aroha' })],
  ['holder an array', withData({ holder: [issued.data.holder] })],
  ['holder null', withData({ holder: null })],
  ['no identifiers', holder({ identifiers: [] })],
  ['identifiers not an array', holder({ identifiers: { scheme: 'NZ-NSN', value: '123456789' } })],
  ['eleven identifiers', holder({ identifiers: Array.from({ length: 11 }, (_, i) => ({ scheme: 'EMAIL', value: `l${i}@example.nz` })) })],
  ['an identifier that is a string', holder({ identifiers: ['123456789'] })],
  ['an identifier null', holder({ identifiers: [null] })],
  ['an identifier without a value', holder({ identifiers: [{ scheme: 'NZ-NSN' }] })],
  ['an empty identifier value', holder({ identifiers: [{ scheme: 'EMAIL', value: '' }] })],
  ['a name of 301 characters', holder({ name: 'n'.repeat(301) })],
  ['an empty name', holder({ name: '' })],
  ['a birth date in the future', holder({ birthDate: '2199-01-01' })],
  ['issuedAt a number', withData({ issuedAt: 20260301 })],
  ['grade of 101 characters', withData({ grade: 'g'.repeat(101) })],
  ['grade with an emoji pair past the limit', withData({ grade: '🎓'.repeat(51) })],
  ['credentialRef of 201 characters', withData({ credentialRef: 'c'.repeat(201) })],
  ['an amendment without changes', amend(undefined)],
  ['changes null', amend(null)],
  ['changes an array', amend([])],
  ['an unknown change', amend({ title: 'x' })],
  ['an amendment without a reason', { ...amend({}), data: { credentialRef: 'OK-1', changes: {} } }],
  ['a revocation with an empty reason', lifecycle('CredentialRevoked', { credentialRef: 'OK-1', reason: '' })],
  ['a revocation of 1,001 characters', lifecycle('CredentialRevoked', { credentialRef: 'OK-1', reason: 'r'.repeat(1001) })],
  ['a suspension without a reason', lifecycle('CredentialSuspended', { credentialRef: 'OK-1' })],
  ['a reinstatement with a number reason', lifecycle('CredentialReinstated', { credentialRef: 'OK-1', reason: 5 })],
  ['a revocation carrying issue fields', lifecycle('CredentialRevoked', { ...issued.data, reason: 'r' })],
  // ValidateNested alone walked into the inner array and accepted it; digesting then failed with a 500.
  ['an identifier nested in an array', holder({ identifiers: [[{ scheme: 'NZ-NSN', value: '123456789' }]] })],
];


/** Every item of every batch the bad-input corpus sends to the ingest route. */
function corpusItems(): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const t of CORPUS) {
    if (!/^\/v1\/providers\/[^/]+\/events$/.test(t.path(f)) || t.method === 'GET') continue;
    const body = t.raw !== undefined ? JSON.parse(t.raw) : t.body?.(f);
    const items = (body as { items?: unknown })?.items;
    if (Array.isArray(items)) items.forEach((item, i) => out.push([`${t.name} #${i}`, item]));
  }
  return out;
}

/** The fields the compiled check refuses an item on, named as the ingest names them. */
function compiledFields(raw: unknown, path: string): string[] {
  const envelope = compiledClass(ProviderEventItem)!;
  if (!envelope.accepts(raw)) return envelope.refusedFields(raw, path).sort();
  const item = raw as ProviderEventItem;
  return compiledClass(PAYLOAD_CLASSES[item.type])!.refusedFields(item.data, `${path}.data`).sort();
}

const fields = (errors: { field?: string }[]) => [...new Set(errors.map((e) => e.field))].sort();

/**
 * Both sides name the same fields, but a rule with `each` (IsObject on identifiers) makes
 * class-validator name the array where the compiled check names the element: `a.b[0]` on one
 * side matches `a.b` on the other.
 */
function expectSameFields(compiled: string[], slow: (string | undefined)[]): void {
  const parent = (f: string) => f.replace(/\[\d+\]$/, '');
  const matched = (f: string, other: (string | undefined)[]) => other.includes(f) || other.includes(parent(f)) || other.some((o) => o !== undefined && parent(o) === f);
  expect(compiled.filter((f) => !matched(f, slow))).toEqual([]);
  expect(slow.filter((f) => f === undefined || !matched(f, compiled))).toEqual([]);
}const fingerprint = (request: unknown) => createHmac('sha256', 'k').update(canonicalJson(request)).digest('base64url');

describe('item validation, compiled and by class-validator', () => {
  const corpus = corpusItems();

  it('finds the ingest batches of the bad-input corpus', () => {
    expect(corpus.length).toBeGreaterThan(40);
  });

  describe.each([
    ['valid', VALID],
    ['invalid', INVALID],
    ['bad-input corpus', corpus],
  ])('on the %s items', (_kind, cases) => {
    it.each(cases as [string, unknown][])('%s: both accept or both refuse, naming the same fields', (_name, raw) => {
      const path = 'items[3]';
      const slow = classValidatorItem(raw, path);
      expect(compiledItem(raw) !== undefined).toBe(slow.ok);
      if (slow.ok) return;
      // Nesting, width and __proto__ are refused by the shape guard before any rule: both refuse, it names the field.
      if (raw && typeof raw === 'object' && jsonShapeProblem(raw, undefined, path)) return;
      if (raw && typeof raw === 'object' && jsonShapeProblem((raw as { data?: unknown }).data ?? null, undefined, `${path}.data`)) return;
      expectSameFields(compiledFields(raw, path), fields(slow.errors));
    });
  });

  it('refuses what class-validator refuses with its exact errors, and accepts the same data', () => {
    for (const [, raw] of [...VALID, ...INVALID, ...corpus]) {
      const slow = classValidatorItem(raw, 'items[0]');
      const answer = validateItem(raw, 'items[0]');
      if (!slow.ok) {
        expect(answer).toEqual(slow);
        continue;
      }
      expect(answer.ok).toBe(true);
      if (!answer.ok) continue;
      // The request fingerprint (a resend's proof) is the same over the parsed JSON as over the class instance.
      expect(fingerprint({ type: answer.item.type, data: answer.payload })).toBe(fingerprint({ type: slow.item.type, data: slow.payload }));
      expect(JSON.parse(JSON.stringify(answer.payload))).toEqual(JSON.parse(JSON.stringify(slow.payload)));
    }
  });

  it('answers valid items without class-validator', () => {
    for (const [, raw] of VALID) expect(compiledItem(raw)).toBeDefined();
  });

  describe('the batch body (the HTTP pipe takes it by the compiled check)', () => {
    it.each([
      ['one item', { items: [issued] }],
      ['1,000 items of anything', { items: Array.from({ length: 1000 }, (_, i) => i) }],
      ['no items', { items: [] }],
      ['1,001 items', { items: Array.from({ length: 1001 }, () => issued) }],
      ['items an object', { items: { 0: issued } }],
      ['items null', { items: null }],
      ['no items field', {}],
      ['another field', { items: [issued], batchId: 'b' }],
      ['an array body', [issued]],
    ])('%s: both accept or both refuse, naming the same fields', (_name, body) => {
      const slow = validatePlain(ProviderEventBatch, body);
      const compiled = compiledClass(ProviderEventBatch)!;
      expect(compiled.accepts(body)).toBe(slow.ok);
      if (!slow.ok) expect(compiled.refusedFields(body).sort()).toEqual(fields(slow.errors));
    });
  });
});
