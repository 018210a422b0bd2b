import { AchievementSpec, CredentialIssued, EventTypes, Streams } from '@app/contracts';
import { appended, projectTwice, ProjectedTwice } from '@app/testing';
import { Collections } from './credential-view';
import { CredentialsProjection } from './credentials.projection';

const providerId = 'uni-a';
const achievementId = '6d0f1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b';
const spec: AchievementSpec = {
  title: 'Data Literacy Foundations', learningOutcomes: ['Interpret descriptive statistics'],
  workload: { hours: 150, credits: { system: 'NZQCF-credit', value: 15 } }, level: { framework: 'NZQCF', value: 5 },
  assessment: { type: 'portfolio', supervised: false, identityVerified: true }, participation: 'online', language: 'en',
};
const c1 = { credentialId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', credentialRef: 'C-1', providerId };
const c2 = { credentialId: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e', credentialRef: 'C-2', providerId };
const issued = (refs: typeof c1, validUntil?: string): CredentialIssued => ({
  ...refs, achievementId, holder: { identifierDigests: [{ scheme: 'email', digest: 'a'.repeat(64) }] }, issuedAt: '2026-03-01T00:00:00Z',
  ...(validUntil ? { validUntil } : {}), grade: 'B',
});

const log = [
  appended(Streams.provider(providerId), { type: EventTypes.ProviderRegistered, data: { providerId, name: 'University A', jurisdiction: 'NZ', kind: 'university' } }, '2026-01-01T00:00:00.000Z'),
  appended(Streams.achievement(achievementId), { type: EventTypes.AchievementDefined, data: { ...spec, achievementId, providerId } }, '2026-01-02T00:00:00.000Z'),
  appended(Streams.credential(c1.credentialId), { type: EventTypes.CredentialIssued, data: issued(c1, '2027-03-01T00:00:00Z') }, '2026-03-01T00:00:00.000Z'),
  appended(Streams.credential(c2.credentialId), { type: EventTypes.CredentialIssued, data: issued(c2, '2026-06-01T00:00:00Z') }, '2026-03-01T00:00:01.000Z'),
  appended(Streams.achievement(achievementId), { type: EventTypes.AchievementRevised, data: { achievementId, providerId, spec: { ...spec, title: 'Data Literacy' }, reason: 'rename' } }, '2026-03-02T00:00:00.000Z'),
  appended(Streams.credential(c1.credentialId), { type: EventTypes.CredentialAmended, data: { ...c1, changes: { grade: 'A' }, reason: 'regraded' } }, '2026-03-03T00:00:00.000Z'),
  appended(Streams.credential(c1.credentialId), { type: EventTypes.CredentialSuspended, data: { ...c1, reason: 'under review' } }, '2026-04-01T00:00:00.000Z'),
  appended(Streams.credential(c2.credentialId), { type: EventTypes.CredentialExpired, data: { ...c2, validUntil: '2026-06-01T00:00:00Z' } }, '2026-06-01T00:00:00.000Z'),
  appended(Streams.credential(c1.credentialId), { type: EventTypes.CredentialReinstated, data: { ...c1 } }, '2026-06-02T00:00:00.000Z'),
  appended(Streams.credential(c1.credentialId), { type: EventTypes.CredentialRevoked, data: { ...c1, reason: 'misconduct' } }, '2026-07-01T00:00:00.000Z'),
  appended(Streams.achievement(achievementId), { type: EventTypes.AchievementRetired, data: { achievementId, providerId, reason: 'superseded' } }, '2026-08-01T00:00:00.000Z'),
  // A change to a credential this read model never saw issued: nothing to update.
  appended(Streams.credential('9f9f9f9f-9f9f-4f9f-8f9f-9f9f9f9f9f9f'), { type: EventTypes.CredentialSuspended, data: { credentialId: '9f9f9f9f-9f9f-4f9f-8f9f-9f9f9f9f9f9f', credentialRef: 'X', providerId, reason: 'x' } }, '2026-08-02T00:00:00.000Z'),
];

describe('CredentialsProjection', () => {
  let projected: ProjectedTwice;
  beforeAll(async () => {
    projected = await projectTwice(new CredentialsProjection(), log);
  });

  describe('when a provider, an achievement and two credentials live their lives', () => {
    it('keeps the provider and the achievement as last revised, retired', () => {
      expect(projected.incremental[Collections.providers]).toEqual([{ providerId, name: 'University A', jurisdiction: 'NZ', kind: 'university' }]);
      expect(projected.incremental[Collections.achievements]).toEqual([{
        achievementId, providerId, title: 'Data Literacy', level: { framework: 'NZQCF', value: 5 },
        workload: { hours: 150, credits: { system: 'NZQCF-credit', value: 15 } }, language: 'en', participation: 'online', retired: true,
      }]);
    });

    it('keeps each credential with its latest status, its amendments and its whole history', () => {
      const [first, second] = projected.incremental[Collections.credentials];
      expect(first).toMatchObject({
        ...c1, achievementId, status: 'revoked', statusReason: 'misconduct', statusChangedAt: '2026-07-01T00:00:00.000Z',
        issuedAt: '2026-03-01T00:00:00Z', validUntil: '2027-03-01T00:00:00Z', grade: 'A', recordedAt: '2026-03-01T00:00:00.000Z',
      });
      expect((first as { history: { type: string; reason?: string }[] }).history.map((h) => [h.type, h.reason])).toEqual([
        ['CredentialIssued', undefined], ['CredentialAmended', 'regraded'], ['CredentialSuspended', 'under review'],
        ['CredentialReinstated', undefined], ['CredentialRevoked', 'misconduct'],
      ]);
      expect(second).toMatchObject({ ...c2, status: 'expired', statusChangedAt: '2026-06-01T00:00:00.000Z' });
      expect(second).not.toHaveProperty('statusReason');
    });

    it('ignores a change to a credential it never saw issued, without parking it', () => {
      expect(projected.incremental[Collections.credentials]).toHaveLength(2);
      expect(projected.parked).toEqual([]);
    });
  });

  describe('when the read model is reset and rebuilt from the log in one replay', () => {
    it('builds the very same rows as event by event', () => {
      expect(projected.rebuilt).toEqual(projected.incremental);
    });
  });
});
