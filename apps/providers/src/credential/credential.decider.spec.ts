import { AchievementDefined, EventTypes } from '@app/contracts';
import { deciderSpec } from '@app/testing';
import { AchievementState } from '../achievement/achievement.state';
import { CredentialCommand, decideCredential } from './credential.decider';
import { evolveCredential, initialCredentialState } from './credential.state';

const refs = { credentialId: '7d3f2a40-0c1b-5b8e-9f00-000000000001', credentialRef: 'CERT-1', providerId: 'uni-a' };
const achievementId = 'a6c1f1f0-1111-4222-8333-444455556666';
const defined = { achievementId, providerId: 'uni-a', title: 'Data literacy' } as AchievementDefined;
const live: AchievementState = { defined, retired: false };
const digests = [{ scheme: 'NZ-NSN', digest: 'a'.repeat(64) }];

const issue = (over: Partial<Extract<CredentialCommand, { type: 'IssueCredential' }>> = {}): CredentialCommand => ({
  ...refs, type: 'IssueCredential', achievementId, achievement: live, identifierDigests: digests, issuedAt: '2026-03-01T00:00:00Z', ...over,
});
const suspend: CredentialCommand = { ...refs, type: 'SuspendCredential', reason: 'under review' };
const reinstate: CredentialCommand = { ...refs, type: 'ReinstateCredential' };
const revoke: CredentialCommand = { ...refs, type: 'RevokeCredential', reason: 'misconduct' };
const amend = (changes: { validUntil?: string; grade?: string }): CredentialCommand => ({ ...refs, type: 'AmendCredential', changes, reason: 'corrected' });
const expire = (now: string): CredentialCommand => ({ ...refs, type: 'ExpireCredential', now });

const issued = { type: EventTypes.CredentialIssued, data: { ...refs, achievementId, holder: { identifierDigests: digests }, issuedAt: '2026-03-01T00:00:00Z' } };
const suspended = { type: EventTypes.CredentialSuspended, data: { ...refs, reason: 'under review' } };
const reinstated = { type: EventTypes.CredentialReinstated, data: refs };
const revoked = { type: EventTypes.CredentialRevoked, data: { ...refs, reason: 'misconduct' } };
const issuedUntil = { type: EventTypes.CredentialIssued, data: { ...issued.data, validUntil: '2027-03-01T00:00:00Z' } };
const expired = { type: EventTypes.CredentialExpired, data: { ...refs, validUntil: '2027-03-01T00:00:00Z' } };
const amended = (changes: object) => ({ type: EventTypes.CredentialAmended, data: { ...refs, changes, reason: 'corrected' } });

const spec = deciderSpec({ initial: initialCredentialState, evolve: evolveCredential, decide: decideCredential });

describe('credential decider', () => {
  describe('when nothing was issued', () => {
    it('issues, with holder digests only', () => spec.given([]).when(issue()).then([issued]));
    it('issues with validity and grade', () =>
      spec.given([]).when(issue({ validUntil: '2027-03-01T00:00:00Z', grade: 'A' })).then([
        { type: EventTypes.CredentialIssued, data: { ...issued.data, validUntil: '2027-03-01T00:00:00Z', grade: 'A' } },
      ]));
    it('refuses validUntil not after issuedAt', () => spec.given([]).when(issue({ validUntil: '2026-03-01T00:00:00Z' })).thenRefuses('CREDENTIAL.INVALID_VALIDITY'));
    it('refuses an unknown achievement', () => spec.given([]).when(issue({ achievement: { retired: false } })).thenRefuses('ACHIEVEMENT.NOT_FOUND'));
    it("refuses another provider's achievement", () =>
      spec.given([]).when(issue({ achievement: { defined: { ...defined, providerId: 'uni-b' }, retired: false } })).thenRefuses('ACHIEVEMENT.OTHER_PROVIDER'));
    it('refuses a retired achievement', () => spec.given([]).when(issue({ achievement: { defined, retired: true } })).thenRefuses('ACHIEVEMENT.RETIRED'));
    it('refuses to suspend', () => spec.given([]).when(suspend).thenRefuses('CREDENTIAL.NOT_ISSUED'));
    it('refuses to reinstate', () => spec.given([]).when(reinstate).thenRefuses('CREDENTIAL.NOT_ISSUED'));
    it('refuses to revoke', () => spec.given([]).when(revoke).thenRefuses('CREDENTIAL.NOT_ISSUED'));
  });

  describe('when issued', () => {
    it('refuses a second issue', () => spec.given([issued]).when(issue()).thenRefuses('CREDENTIAL.ALREADY_ISSUED'));
    it('suspends', () => spec.given([issued]).when(suspend).then([suspended]));
    it('refuses to reinstate', () => spec.given([issued]).when(reinstate).thenRefuses('CREDENTIAL.NOT_SUSPENDED'));
    it('revokes', () => spec.given([issued]).when(revoke).then([revoked]));
  });

  describe('when suspended', () => {
    it('refuses a second suspension', () => spec.given([issued, suspended]).when(suspend).thenRefuses('CREDENTIAL.ALREADY_SUSPENDED'));
    it('reinstates', () => spec.given([issued, suspended]).when(reinstate).then([reinstated]));
    it('revokes', () => spec.given([issued, suspended]).when(revoke).then([revoked]));
    it('suspends again after a reinstatement', () => spec.given([issued, suspended, reinstated]).when(suspend).then([suspended]));
  });

  describe('when revoked', () => {
    it('refuses to issue again', () => spec.given([issued, revoked]).when(issue()).thenRefuses('CREDENTIAL.ALREADY_ISSUED'));
    it('refuses to suspend', () => spec.given([issued, revoked]).when(suspend).thenRefuses('CREDENTIAL.ALREADY_REVOKED'));
    it('refuses to reinstate', () => spec.given([issued, revoked]).when(reinstate).thenRefuses('CREDENTIAL.ALREADY_REVOKED'));
    it('refuses to revoke again', () => spec.given([issued, revoked]).when(revoke).thenRefuses('CREDENTIAL.ALREADY_REVOKED'));
  });

  describe('when amending', () => {
    it('amends an issued credential', () => spec.given([issued]).when(amend({ grade: 'B' })).then([amended({ grade: 'B' })]));
    it('amends a suspended credential', () => spec.given([issued, suspended]).when(amend({ validUntil: '2028-01-01T00:00:00Z' })).then([amended({ validUntil: '2028-01-01T00:00:00Z' })]));
    it('refuses an empty amendment', () => spec.given([issued]).when(amend({})).thenRefuses('CREDENTIAL.NOTHING_TO_AMEND'));
    it('refuses validity ending before issue', () => spec.given([issued]).when(amend({ validUntil: '2025-01-01T00:00:00Z' })).thenRefuses('CREDENTIAL.INVALID_VALIDITY'));
    it('refuses before issue', () => spec.given([]).when(amend({ grade: 'B' })).thenRefuses('CREDENTIAL.NOT_ISSUED'));
    it('refuses after revocation', () => spec.given([issued, revoked]).when(amend({ grade: 'B' })).thenRefuses('CREDENTIAL.ALREADY_REVOKED'));
    it('refuses after expiry', () => spec.given([issuedUntil, expired]).when(amend({ grade: 'B' })).thenRefuses('CREDENTIAL.EXPIRED'));
    it('lets a later expiry use the amended validity', () =>
      spec.given([issuedUntil, amended({ validUntil: '2028-01-01T00:00:00Z' })]).when(expire('2027-06-01T00:00:00Z')).then([]));
  });

  describe('when validUntil passes', () => {
    it('expires an issued credential once due', () => spec.given([issuedUntil]).when(expire('2027-03-01T00:00:00Z')).then([expired]));
    it('expires a suspended credential', () => spec.given([issuedUntil, suspended]).when(expire('2027-04-01T00:00:00Z')).then([expired]));
    it('does nothing before it is due', () => spec.given([issuedUntil]).when(expire('2027-02-28T23:59:59Z')).then([]));
    it('does nothing without validUntil', () => spec.given([issued]).when(expire('2099-01-01T00:00:00Z')).then([]));
    it('does nothing twice (idempotent)', () => spec.given([issuedUntil, expired]).when(expire('2027-04-01T00:00:00Z')).then([]));
    it('does nothing to a revoked credential', () => spec.given([issuedUntil, revoked]).when(expire('2027-04-01T00:00:00Z')).then([]));
    it('does nothing before issue', () => spec.given([]).when(expire('2027-04-01T00:00:00Z')).then([]));
  });

  describe('when expired', () => {
    it('refuses to suspend', () => spec.given([issuedUntil, expired]).when(suspend).thenRefuses('CREDENTIAL.EXPIRED'));
    it('refuses to reinstate', () => spec.given([issuedUntil, expired]).when(reinstate).thenRefuses('CREDENTIAL.EXPIRED'));
    it('still revokes', () => spec.given([issuedUntil, expired]).when(revoke).then([revoked]));
  });
});
