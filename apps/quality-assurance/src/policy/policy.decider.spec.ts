import { EventTypes, JurisdictionPolicy } from '@app/contracts';
import { shippedPolicy } from './engine';
import { deciderSpec } from '@app/testing';
import { decidePolicy } from './policy.decider';
import { evolvePolicy, initialPolicyState } from './policy.state';

const nz = shippedPolicy('NZ')!;
const published = (policy: JurisdictionPolicy) => ({
  type: EventTypes.JurisdictionPolicyPublished,
  data: { jurisdiction: policy.jurisdiction, version: policy.version, source: policy.source, policy: JSON.parse(JSON.stringify(policy)) },
});
const spec = deciderSpec({ initial: initialPolicyState, evolve: evolvePolicy, decide: decidePolicy });

describe('policy decider', () => {
  describe('when nothing is published', () => {
    it('publishes the version, the whole document included', () => spec.given([]).when({ type: 'PublishPolicy', policy: nz }).then([published(nz)]));
    it('carries the unconfirmed label of a placeholder policy', () => {
      const caOn = shippedPolicy('CA-ON')!;
      expect(decidePolicy(initialPolicyState, { type: 'PublishPolicy', policy: caOn })[0].data.status).toBe('unconfirmed');
    });
    it('refuses a document with an unknown rule kind', () =>
      spec.given([]).when({ type: 'PublishPolicy', policy: { ...nz, rules: [{ id: 'X', kind: 'vibes' }] } as unknown as JurisdictionPolicy }).thenRefuses('POLICY.INVALID'));
  });
  describe('when the version is published', () => {
    it('publishes it again as nothing new (idempotent by version)', () => spec.given([published(nz)]).when({ type: 'PublishPolicy', policy: nz }).then([]));
    it('refuses other content under the same version', () =>
      spec.given([published(nz)]).when({ type: 'PublishPolicy', policy: { ...nz, title: 'changed' } }).thenRefuses('POLICY.VERSION_EXISTS'));
    it('publishes a new version and keeps the old one', () => {
      const next = { ...nz, version: '2026.1' };
      spec.given([published(nz)]).when({ type: 'PublishPolicy', policy: next }).then([published(next)]);
      const state = [published(nz), published(next)].reduce(evolvePolicy, initialPolicyState);
      expect(state.current?.version).toBe('2026.1');
      expect(Object.keys(state.versions)).toEqual([nz.version, '2026.1']);
    });
  });
});
