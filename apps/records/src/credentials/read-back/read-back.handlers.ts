import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Principal } from '@app/auth';
import { credentialIdFor, NotFoundError } from '@app/contracts';
import { READ_STORE, ReadStore, Scalar } from '@app/read-store';
import { Collections, CredentialView, ProviderView } from '../credential-view';
import { RecordsProjections } from '../records-projections.service';
import { mayRead, visiblePage } from './read-scope';
import { GetCredentialByRefQuery, GetProviderQuery, ListCredentialsQuery, ListProvidersQuery } from './read-back.queries';

/** The provider if it exists and the caller may read it; otherwise the one 404 an unknown provider gets. */
async function readableProvider(reads: ReadStore, providerId: string, principal: Principal): Promise<ProviderView> {
  const provider = await reads.get<ProviderView>(Collections.providers, providerId);
  if (!provider || !mayRead(principal, provider)) throw new NotFoundError('provider');
  return provider;
}

@QueryHandler(GetProviderQuery)
export class GetProviderHandler implements IQueryHandler<GetProviderQuery> {
  constructor(@Inject(READ_STORE) private readonly reads: ReadStore, private readonly projections: RecordsProjections) {}

  async execute({ providerId, principal }: GetProviderQuery) {
    const provider = await readableProvider(this.reads, providerId, principal);
    return { ...provider, ledgerPosition: this.projections.runner.caughtUpTo };
  }
}

@QueryHandler(ListProvidersQuery)
export class ListProvidersHandler implements IQueryHandler<ListProvidersQuery> {
  constructor(@Inject(READ_STORE) private readonly reads: ReadStore, private readonly projections: RecordsProjections) {}

  async execute({ filter, principal }: ListProvidersQuery) {
    const ledgerPosition = this.projections.runner.caughtUpTo;
    const where: Record<string, Scalar> = filter.jurisdiction ? { jurisdiction: filter.jurisdiction } : {};
    const page = await visiblePage<ProviderView>(this.reads, Collections.providers, where, (p) => p.providerId, (p) => mayRead(principal, p), filter.after, filter.limit);
    return { ...page, ledgerPosition };
  }
}

@QueryHandler(ListCredentialsQuery)
export class ListCredentialsHandler implements IQueryHandler<ListCredentialsQuery> {
  constructor(@Inject(READ_STORE) private readonly reads: ReadStore, private readonly projections: RecordsProjections) {}

  async execute({ providerId, filter, principal }: ListCredentialsQuery) {
    const ledgerPosition = this.projections.runner.caughtUpTo;
    await readableProvider(this.reads, providerId, principal);
    const where: Record<string, Scalar> = { providerId, ...(filter.status ? { status: filter.status } : {}) };
    const page = await visiblePage<CredentialView>(this.reads, Collections.credentials, where, (c) => c.credentialId, () => true, filter.after, filter.limit);
    return { ...page, ledgerPosition };
  }
}

@QueryHandler(GetCredentialByRefQuery)
export class GetCredentialByRefHandler implements IQueryHandler<GetCredentialByRefQuery> {
  constructor(@Inject(READ_STORE) private readonly reads: ReadStore, private readonly projections: RecordsProjections) {}

  async execute({ providerId, credentialRef, principal }: GetCredentialByRefQuery) {
    const ledgerPosition = this.projections.runner.caughtUpTo;
    await readableProvider(this.reads, providerId, principal);
    // The credential id is derived from (providerId, credentialRef), as ingest derives it.
    const credential = await this.reads.get<CredentialView>(Collections.credentials, credentialIdFor(providerId, credentialRef));
    if (!credential || credential.providerId !== providerId) throw new NotFoundError('credential');
    return { ...credential, ledgerPosition };
  }
}

export const READ_BACK_HANDLERS = [GetProviderHandler, ListProvidersHandler, ListCredentialsHandler, GetCredentialByRefHandler];
