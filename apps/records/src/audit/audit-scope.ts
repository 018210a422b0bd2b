import { Principal } from '@app/auth';
import { anyJurisdictionCovers, jurisdictionCovers } from '@app/contracts';
import { AuditIndexRow } from './audit-index';

/** What a page of the audit index is filtered on, the caller's reach among it. */
export interface AuditFilter {
  jurisdiction?: string;
  providerId?: string;
  qaBodyId?: string;
  learnerId?: string;
  credentialId?: string;
  type?: string;
  from?: string;
  to?: string;
}

/**
 * An admin reaches every event; a regulator the events that touch one of its jurisdictions (a
 * group such as EU covers its members, a country its subdivisions). Events that touch no
 * jurisdiction (API keys, checkpoints) are the admin's only.
 */
export function mayReachRow(principal: Principal, row: Pick<AuditIndexRow, 'jurisdictions'>): boolean {
  if (principal.role === 'admin') return true;
  if (principal.role !== 'regulator') return false;
  const scopes = principal.scope.jurisdictions ?? [];
  return row.jurisdictions.some((j) => anyJurisdictionCovers(scopes, j));
}

/** The filters the read store cannot apply itself (arrays, ranges). `from`/`to` bound recordedAt, inclusive. */
export function matchesRest(filter: AuditFilter, row: AuditIndexRow): boolean {
  if (filter.jurisdiction && !row.jurisdictions.some((j) => jurisdictionCovers(filter.jurisdiction!, j))) return false;
  if (filter.learnerId && !row.learnerIds.includes(filter.learnerId)) return false;
  if (filter.from && Date.parse(row.recordedAt) < Date.parse(filter.from)) return false;
  if (filter.to && Date.parse(row.recordedAt) > Date.parse(filter.to)) return false;
  return true;
}
