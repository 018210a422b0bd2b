import { createHash } from 'node:crypto';
import {
  AccreditationScope, DefineAchievementRequest, IssueApiKeyRequest, normaliseIdentifier, PAYLOAD_CLASSES, ProviderEventItem, validatePlain,
} from '@app/contracts';
import { generateDataSet, lifecycleBatches } from './index';
import { setupSteps } from './requests';

const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');
const everything = (seed: string, events: number) => {
  const set = generateDataSet({ seed, events });
  return { set, steps: setupSteps(set), batches: [...lifecycleBatches(set)] };
};

describe('generated data set', () => {
  describe('when generated twice with one seed', () => {
    it('is the same, byte for byte; another seed gives another', () => {
      expect(digest(everything('alpha', 3000))).toBe(digest(everything('alpha', 3000)));
      expect(digest(everything('alpha', 3000))).not.toBe(digest(everything('beta', 3000)));
    });
  });

  describe('when asked for N events', () => {
    it.each([1, 37, 2500])('gives exactly %i items, every credential issued before its later events', (events) => {
      const { batches } = everything('count', events);
      const items = batches.flatMap((b) => b.items.map((i) => ({ ...i, providerId: b.providerId })));
      expect(items).toHaveLength(events);
      const issued = new Set<string>();
      for (const i of items) {
        const key = `${i.providerId}/${i.data.credentialRef}`;
        if (i.type === 'CredentialIssued') issued.add(key);
        else expect(issued.has(key)).toBe(true);
      }
      expect(new Set(items.map((i) => `${i.providerId}/${i.sourceEventId}`)).size).toBe(events);
    });
  });

  describe('what it generates', () => {
    const { set, steps, batches } = everything('realistic', 5000);
    const items = batches.flatMap((b) => b.items);

    it('spans five jurisdictions, their QA bodies and policies, every lifecycle type', () => {
      expect(new Set(set.providers.map((p) => p.jurisdiction))).toEqual(new Set(['NZ', 'AU', 'IE', 'NL', 'CA-ON']));
      expect(set.policies).toEqual(['NZ', 'AU', 'EU', 'CA-ON']);
      expect(new Set(items.map((i) => i.type))).toEqual(new Set(['CredentialIssued', 'CredentialAmended', 'CredentialSuspended', 'CredentialReinstated', 'CredentialRevoked']));
      const schemes = new Set(items.flatMap((i) => (i.type === 'CredentialIssued' ? (i.data.holder as any).identifiers.map((x: any) => x.scheme) : [])));
      expect(schemes).toEqual(new Set(['NZ-NSN', 'AU-USI', 'EU-ESI', 'EMAIL']));
      // learners hold several credentials: fewer distinct holders than credentials
      const holders = new Set(items.filter((i) => i.type === 'CredentialIssued').map((i) => JSON.stringify((i.data.holder as any).identifiers[0])));
      expect(holders.size).toBeLessThan(items.filter((i) => i.type === 'CredentialIssued').length);
    });

    it('sends only items the batch validation accepts, with identifiers valid in their scheme', () => {
      for (const item of items) {
        const envelope = validatePlain(ProviderEventItem, item);
        expect(envelope).toMatchObject({ ok: true });
        const payload = validatePlain(PAYLOAD_CLASSES[item.type], item.data);
        if (!payload.ok) throw new Error(`${item.sourceEventId}: ${JSON.stringify(payload.errors)}`);
        if (item.type === 'CredentialIssued') for (const id of (item.data.holder as any).identifiers) expect(normaliseIdentifier(id.scheme, id.value)).toMatchObject({ ok: true });
      }
    });

    it('sets up with bodies the request classes accept: keys, accreditation scopes, achievement specifications', () => {
      const check = (cls: new () => object, body: unknown) => {
        const r = validatePlain(cls, body);
        if (!r.ok) throw new Error(`${JSON.stringify(body).slice(0, 200)}: ${JSON.stringify(r.errors)}`);
      };
      for (const s of steps) {
        if (s.path === '/v1/api-keys') check(IssueApiKeyRequest, s.body);
        if (s.path.endsWith('/achievements')) check(DefineAchievementRequest, s.body);
        if (s.path === '/v1/accreditations') check(AccreditationScope, (s.body as any).scope);
      }
      expect(steps.filter((s) => s.path.endsWith('/achievements'))).toHaveLength(set.achievements.length);
    });
  });
});
