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
 * Turns a validated wire payload (an instance of its type's payload class, as validation
 * returns it) into a decider command; holder identifiers become digests here.
 */
export async function toCommand(type: ProviderEventType, payload: object, ctx: Context): Promise<ItemCommand> {
  const refs = (credentialRef: string) => ({ providerId: ctx.providerId, credentialId: ctx.credentialId, credentialRef });
  if (payload instanceof CredentialIssuedPayload) {
    const { name, birthDate } = payload.holder;
    return {
      command: {
        ...refs(payload.credentialRef),
        type: 'IssueCredential',
        achievementId: payload.achievementId,
        achievement: await ctx.achievement(payload.achievementId),
        identifierDigests: payload.holder.identifiers.map((id) => ctx.holders.digest(id.scheme, id.value)),
        issuedAt: payload.issuedAt,
        validUntil: payload.validUntil,
        grade: payload.grade,
      },
      ...(name || birthDate ? { holderPersonal: { name, birthDate } } : {}),
    };
  }
  // Amended extends the reason payload: it is told apart first.
  if (payload instanceof CredentialAmendedPayload) {
    const { changes, reason } = payload;
    return { command: { ...refs(payload.credentialRef), type: 'AmendCredential', changes: { validUntil: changes.validUntil, grade: changes.grade }, reason } };
  }
  if (payload instanceof CredentialReinstatedPayload) return { command: { ...refs(payload.credentialRef), type: 'ReinstateCredential', reason: payload.reason } };
  if (payload instanceof CredentialReasonPayload) {
    return { command: { ...refs(payload.credentialRef), type: type === 'CredentialSuspended' ? 'SuspendCredential' : 'RevokeCredential', reason: payload.reason } };
  }
  throw new Error(`no command for a ${type} payload`);
}
