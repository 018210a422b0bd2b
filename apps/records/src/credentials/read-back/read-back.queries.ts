import { Query } from '@nestjs/cqrs';
import { Principal } from '@app/auth';
import type { CredentialView, ProviderView } from '../credential-view';

export type Page<T> = { items: T[]; next?: string; ledgerPosition: number };

export class GetProviderQuery extends Query<ProviderView & { ledgerPosition: number }> {
  constructor(readonly providerId: string, readonly principal: Principal) {
    super();
  }
}

export class ListProvidersQuery extends Query<Page<ProviderView>> {
  constructor(readonly filter: { jurisdiction?: string; after?: string; limit: number }, readonly principal: Principal) {
    super();
  }
}

export class ListCredentialsQuery extends Query<Page<CredentialView>> {
  constructor(readonly providerId: string, readonly filter: { status?: CredentialView['status']; after?: string; limit: number }, readonly principal: Principal) {
    super();
  }
}

export class GetCredentialByRefQuery extends Query<CredentialView & { ledgerPosition: number }> {
  constructor(readonly providerId: string, readonly credentialRef: string, readonly principal: Principal) {
    super();
  }
}
