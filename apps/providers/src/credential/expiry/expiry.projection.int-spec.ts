import { CredentialIssued, EventTypes, Streams } from '@app/contracts';
import { appended, projectTwice, ProjectedTwice } from '@app/testing';
import { EXPIRY_SCHEDULE, ExpiryProjection } from './expiry.projection';

const providerId = 'uni-a';
const achievementId = '6d0f1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b';
const credential = (n: number) => ({ credentialId: `00000000-0000-4000-8000-00000000000${n}`, credentialRef: `C-${n}`, providerId });
const issued = (n: number, validUntil?: string): CredentialIssued => ({
  ...credential(n), achievementId, holder: { identifierDigests: [] }, issuedAt: '2026-01-01T00:00:00Z', ...(validUntil ? { validUntil } : {}),
});
const at = '2026-01-01T00:00:00.000Z';
const stream = (n: number) => Streams.credential(credential(n).credentialId);

const log = [
  // 1: scheduled, then brought forward by an amendment.
  appended(stream(1), { type: EventTypes.CredentialIssued, data: issued(1, '2027-01-01T00:00:00Z') }, at),
  appended(stream(1), { type: EventTypes.CredentialAmended, data: { ...credential(1), changes: { validUntil: '2026-09-01T00:00:00+02:00' }, reason: 'shortened' } }, at),
  // 2: never expires.
  appended(stream(2), { type: EventTypes.CredentialIssued, data: issued(2) }, at),
  // 3: expired: off the schedule.
  appended(stream(3), { type: EventTypes.CredentialIssued, data: issued(3, '2026-06-01T00:00:00Z') }, at),
  appended(stream(3), { type: EventTypes.CredentialExpired, data: { ...credential(3), validUntil: '2026-06-01T00:00:00Z' } }, at),
  // 4: revoked: off the schedule.
  appended(stream(4), { type: EventTypes.CredentialIssued, data: issued(4, '2026-07-01T00:00:00Z') }, at),
  appended(stream(4), { type: EventTypes.CredentialRevoked, data: { ...credential(4), reason: 'misconduct' } }, at),
  // 5: suspended and regraded: still due, at the same instant.
  appended(stream(5), { type: EventTypes.CredentialIssued, data: issued(5, '2026-08-01T00:00:00Z') }, at),
  appended(stream(5), { type: EventTypes.CredentialSuspended, data: { ...credential(5), reason: 'review' } }, at),
  appended(stream(5), { type: EventTypes.CredentialAmended, data: { ...credential(5), changes: { grade: 'A' }, reason: 'regraded' } }, at),
];

describe('ExpiryProjection', () => {
  let projected: ProjectedTwice;
  beforeAll(async () => {
    projected = await projectTwice(new ExpiryProjection(), log);
  });

  describe('when credentials are issued, amended, suspended, expired and revoked', () => {
    it('schedules exactly the live ones that have a validUntil, in the order they fall due, at their amended instant', () => {
      expect(projected.incremental[EXPIRY_SCHEDULE]).toEqual([
        { ...credential(5), validUntil: '2026-08-01T00:00:00Z' },
        { ...credential(1), validUntil: '2026-09-01T00:00:00+02:00' },
      ]);
      expect(projected.parked).toEqual([]);
    });
  });

  describe('when the schedule is reset and rebuilt from the log in one replay', () => {
    it('builds the very same rows as event by event', () => {
      expect(projected.rebuilt).toEqual(projected.incremental);
    });
  });
});
