import { anyJurisdictionCovers, KeyScope, Role } from '@app/contracts';
import { LearnerRecord } from './learner-record';

/**
 * What of a record the caller may see (issue 11, item 7): an admin all of it; a learner key its
 * own record (it answers as the same learner); a regulator the credentials issued in its
 * jurisdictions; a provider the credentials it issued. Discrepancies follow the credentials they
 * are about; one about the learner alone, a regulator sees in its jurisdictions and a provider when
 * it names the provider. Undefined when the caller may see nothing: answered as an unknown learner.
 */
export function scopeRecord(record: LearnerRecord, caller: { role: Role; scope: KeyScope }): LearnerRecord | undefined {
  const { role, scope } = caller;
  if (role === 'admin') return record;
  if (role === 'learner') return scope.learnerId !== undefined && record.members.includes(scope.learnerId) ? record : undefined;
  const covers = (jurisdiction: string, providerId?: string) =>
    role === 'regulator' ? anyJurisdictionCovers(scope.jurisdictions ?? [], jurisdiction) : role === 'provider' && providerId !== undefined && providerId === scope.providerId;
  const credentials = record.credentials.filter((c) => covers(c.jurisdiction, c.providerId));
  if (credentials.length === 0) return undefined;
  const visible = new Set(credentials.map((c) => c.credentialId));
  const discrepancies = record.discrepancies.filter((d) =>
    d.subject.credentialId !== undefined && record.credentials.some((c) => c.credentialId === d.subject.credentialId)
      ? visible.has(d.subject.credentialId)
      : covers(d.jurisdiction, d.subject.providerId));
  return { ...record, credentials, discrepancies };
}
