import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Streams } from '@app/contracts';
import { EVENT_STORE, EventStore, foldStream } from '@app/event-store';
import { AccreditationErrors } from '../accreditation.decider';
import { assertAccreditationInScope } from '../accreditation-scope';
import { evolveAccreditation, initialAccreditationState } from '../accreditation.state';
import { GetAccreditationQuery } from './get-accreditation.query';

@QueryHandler(GetAccreditationQuery)
export class GetAccreditationHandler implements IQueryHandler<GetAccreditationQuery> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ accreditationId, principal }: GetAccreditationQuery) {
    const { state } = await foldStream(this.events, Streams.accreditation(accreditationId), evolveAccreditation, initialAccreditationState);
    await assertAccreditationInScope(this.events, principal, state);
    if (!state.accredited) throw AccreditationErrors.notFound();
    return { ...state.accredited, suspendedFrom: state.suspendedFrom ?? null, withdrawnFrom: state.withdrawnFrom ?? null };
  }
}
