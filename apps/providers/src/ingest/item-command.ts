import { PersonalData } from '@app/auth';
import { CredentialIssuedPayload, ProviderEventType } from '@app/contracts';
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

/** Turns a validated wire item into a decider command; holder identifiers become digests here. */
export async function toCommand(type: ProviderEventType, payload: Record<string, unknown>, ctx: Context): Promise<ItemCommand> {
  const refs = { providerId: ctx.providerId, credentialId: ctx.credentialId, credentialRef: payload.credentialRef as string };
  switch (type) {
    case 'CredentialIssued': {
      const p = payload as unknown as CredentialIssuedPayload;
      const { name, birthDate } = p.holder;
      return {
        command: {
          ...refs,
          type: 'IssueCredential',
          achievementId: p.achievementId,
          achievement: await ctx.achievement(p.achievementId),
          identifierDigests: p.holder.identifiers.map((id) => ctx.holders.digest(id.scheme, id.value)),
          issuedAt: p.issuedAt,
          validUntil: p.validUntil,
          grade: p.grade,
        },
        ...(name || birthDate ? { holderPersonal: { name, birthDate } } : {}),
      };
    }
    case 'CredentialAmended': {
      const { changes, reason } = payload as { changes: { validUntil?: string; grade?: string }; reason: string };
      return { command: { ...refs, type: 'AmendCredential', changes: { validUntil: changes.validUntil, grade: changes.grade }, reason } };
    }
    case 'CredentialSuspended':
      return { command: { ...refs, type: 'SuspendCredential', reason: payload.reason as string } };
    case 'CredentialReinstated':
      return { command: { ...refs, type: 'ReinstateCredential', reason: payload.reason as string | undefined } };
    case 'CredentialRevoked':
      return { command: { ...refs, type: 'RevokeCredential', reason: payload.reason as string } };
  }
}
