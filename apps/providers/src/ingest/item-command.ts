import { PersonalData } from '@app/personal-data';
import { CredentialAmendedPayload, CredentialIssuedPayload, CredentialReasonPayload, CredentialReinstatedPayload, ProviderEventType } from '@app/contracts';
import { AchievementState } from '../achievement/achievement.state';
import { CredentialCommand } from '../credential/credential.decider';
import { HolderDigests } from './holder-digests';

interface Context {
  providerId: string;
  credentialId: string;
  achievement: (id: string) => Promise<AchievementState>;
  holders: HolderDigests;
}

export interface ItemCommand {
  command: CredentialCommand;
  /**
   * The holder's name and birth date in clear, to be encrypted into the command only once
   * the decider accepted it: encrypting creates the learner's key in the vault, and a
   * refused credential must leave no key behind.
   */
  holderPersonal?: PersonalData;
}

/**
 * Turns a validated wire payload (of the shape of its type's payload class: an instance when
 * class-validator judged it, the parsed JSON itself when the compiled check did) into a
 * decider command; holder identifiers become digests here.
 */
export async function toCommand(type: ProviderEventType, payload: object, ctx: Context): Promise<ItemCommand> {
  const refs = (credentialRef: string) => ({ providerId: ctx.providerId, credentialId: ctx.credentialId, credentialRef });
  switch (type) {
    case 'CredentialIssued': {
      const issued = payload as CredentialIssuedPayload;
      const { name, birthDate } = issued.holder;
      return {
        command: {
          ...refs(issued.credentialRef),
          type: 'IssueCredential',
          achievementId: issued.achievementId,
          achievement: await ctx.achievement(issued.achievementId),
          identifierDigests: issued.holder.identifiers.map((id) => ctx.holders.digest(id.scheme, id.value)),
          issuedAt: issued.issuedAt,
          validUntil: issued.validUntil,
          grade: issued.grade,
        },
        ...(name || birthDate ? { holderPersonal: { name, birthDate } } : {}),
      };
    }
    case 'CredentialAmended': {
      const { changes, reason, credentialRef } = payload as CredentialAmendedPayload;
      return { command: { ...refs(credentialRef), type: 'AmendCredential', changes: { validUntil: changes.validUntil, grade: changes.grade }, reason } };
    }
    case 'CredentialReinstated': {
      const { credentialRef, reason } = payload as CredentialReinstatedPayload;
      return { command: { ...refs(credentialRef), type: 'ReinstateCredential', reason } };
    }
    case 'CredentialSuspended':
    case 'CredentialRevoked': {
      const { credentialRef, reason } = payload as CredentialReasonPayload;
      return { command: { ...refs(credentialRef), type: type === 'CredentialSuspended' ? 'SuspendCredential' : 'RevokeCredential', reason } };
    }
  }
  throw new Error(`no command for a ${String(type)} payload`);
}
