import { CredentialEvent, CredentialIssued, EncryptedPersonal, EventTypes, IdentifierDigest, isExpiredAt } from '@app/contracts';
import { AchievementState } from '../achievement/achievement.state';
import { CredentialErrors as E } from './credential.errors';
import { CredentialState } from './credential.state';

interface Refs {
  credentialId: string;
  credentialRef: string;
  providerId: string;
}

export type CredentialCommand =
  | (Refs & {
      type: 'IssueCredential';
      achievementId: string;
      /** The achievement as it stands now, loaded by the handler. */
      achievement: AchievementState;
      identifierDigests: IdentifierDigest[];
      /** Name and birth date, already encrypted under the learner's key. */
      personal?: EncryptedPersonal;
      issuedAt: string;
      validUntil?: string;
      grade?: string;
    })
  | (Refs & { type: 'AmendCredential'; changes: { validUntil?: string; grade?: string }; reason: string })
  | (Refs & { type: 'ExpireCredential'; now: string })
  | (Refs & { type: 'SuspendCredential'; reason: string })
  | (Refs & { type: 'ReinstateCredential'; reason?: string })
  | (Refs & { type: 'RevokeCredential'; reason: string });

/**
 * Pure lifecycle rules: issue → amend* → suspend ↔ reinstate → revoke (final); expiry when
 * validUntil passes. Throws a DomainError to refuse; an expiry that is not due is a no-op.
 */
export function decideCredential(state: CredentialState, command: CredentialCommand): CredentialEvent[] {
  const refs = { credentialId: command.credentialId, credentialRef: command.credentialRef, providerId: command.providerId };
  switch (command.type) {
    case 'IssueCredential': {
      if (state.status !== 'none') throw E.alreadyIssued();
      const a = command.achievement;
      if (!a.defined) throw E.achievementNotFound();
      if (a.defined.providerId !== command.providerId) throw E.achievementOtherProvider();
      if (a.retired) throw E.achievementRetired();
      if (command.validUntil && Date.parse(command.validUntil) <= Date.parse(command.issuedAt)) throw E.invalidValidity();
      const data: CredentialIssued = {
        ...refs,
        achievementId: command.achievementId,
        holder: { identifierDigests: command.identifierDigests, ...(command.personal ? { personal: command.personal } : {}) },
        issuedAt: command.issuedAt,
        ...(command.validUntil ? { validUntil: command.validUntil } : {}),
        ...(command.grade ? { grade: command.grade } : {}),
      };
      return [{ type: EventTypes.CredentialIssued, data }];
    }
    case 'AmendCredential': {
      assertLive(state);
      if (state.status === 'expired') throw E.expired();
      const changes = Object.fromEntries(Object.entries(command.changes).filter(([, v]) => v !== undefined));
      if (Object.keys(changes).length === 0) throw E.nothingToAmend();
      if (changes.validUntil && Date.parse(changes.validUntil) <= Date.parse(state.issued!.issuedAt)) throw E.invalidValidity();
      return [{ type: EventTypes.CredentialAmended, data: { ...refs, changes, reason: command.reason } }];
    }
    case 'ExpireCredential': {
      const validUntil = state.issued?.validUntil;
      const due = validUntil !== undefined && isExpiredAt({ status: state.status, validUntil }, command.now);
      return due ? [{ type: EventTypes.CredentialExpired, data: { ...refs, validUntil } }] : [];
    }
    case 'SuspendCredential':
      assertLive(state);
      if (state.status === 'expired') throw E.expired();
      if (state.status === 'suspended') throw E.alreadySuspended();
      return [{ type: EventTypes.CredentialSuspended, data: { ...refs, reason: command.reason } }];
    case 'ReinstateCredential':
      assertLive(state);
      if (state.status === 'expired') throw E.expired();
      if (state.status !== 'suspended') throw E.notSuspended();
      return [{ type: EventTypes.CredentialReinstated, data: { ...refs, ...(command.reason ? { reason: command.reason } : {}) } }];
    case 'RevokeCredential':
      assertLive(state);
      return [{ type: EventTypes.CredentialRevoked, data: { ...refs, reason: command.reason } }];
  }
}

function assertLive(state: CredentialState): void {
  if (state.status === 'none') throw E.notIssued();
  if (state.status === 'revoked') throw E.alreadyRevoked();
}
