import { Actor, KeyScope, Role } from '@app/contracts';

/** The authenticated caller of a request. */
export interface Principal {
  keyId: string;
  role: Role;
  scope: KeyScope;
}

export function actorOf(principal: Principal): Actor {
  return { role: principal.role, id: principal.keyId };
}

/** Whether the principal may act for this provider (admins may act for any). */
export function mayActForProvider(principal: Principal, providerId: string): boolean {
  return principal.role === 'admin' || (principal.role === 'provider' && principal.scope.providerId === providerId);
}
