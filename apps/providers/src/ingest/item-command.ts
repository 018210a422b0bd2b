import { CredentialIssuedPayload, ProviderEventType } from '@app/contracts';
import { PersonalDataCipher } from '@app/personal-data';
import { AchievementState } from '../achievement/achievement.state';
import { CredentialCommand } from '../credential/credential.decider';
import { HolderDigests } from './holder-digests';

interface Context {
  providerId: string;
  credentialId: string;
  achievement: (id: string) => Promise<AchievementState>;
  holders: HolderDigests;
  personal: PersonalDataCipher;
}

/** Turns a validated wire item into a decider command; holder identifiers become digests here. */
export async function toCommand(type: ProviderEventType, payload: Record<string, unknown>, ctx: Context): Promise<CredentialCommand> {
  const refs = { providerId: ctx.providerId, credentialId: ctx.credentialId, credentialRef: payload.credentialRef as string };
  switch (type) {
    case 'CredentialIssued': {
      const p = payload as unknown as CredentialIssuedPayload;
      const identifierDigests = p.holder.identifiers.map((id) => ctx.holders.digest(id.scheme, id.value));
      const { name, birthDate } = p.holder;
      return {
        ...refs,
        type: 'IssueCredential',
        achievementId: p.achievementId,
        achievement: await ctx.achievement(p.achievementId),
        identifierDigests,
        ...(name || birthDate ? { personal: await ctx.personal.encrypt(identifierDigests[0], { name, birthDate }) } : {}),
        issuedAt: p.issuedAt,
        validUntil: p.validUntil,
        grade: p.grade,
      };
    }
    case 'CredentialAmended': {
      const { changes, reason } = payload as { changes: { validUntil?: string; grade?: string }; reason: string };
      return { ...refs, type: 'AmendCredential', changes: { validUntil: changes.validUntil, grade: changes.grade }, reason };
    }
    case 'CredentialSuspended':
      return { ...refs, type: 'SuspendCredential', reason: payload.reason as string };
    case 'CredentialReinstated':
      return { ...refs, type: 'ReinstateCredential', reason: payload.reason as string | undefined };
    case 'CredentialRevoked':
      return { ...refs, type: 'RevokeCredential', reason: payload.reason as string };
  }
}
