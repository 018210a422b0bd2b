import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { NotFoundError, Streams } from '@app/contracts';
import { EVENT_STORE, EventStore, foldStream } from '@app/event-store';
import { evolvePolicy, initialPolicyState } from '../policy.state';
import { GetPolicyQuery } from './get-policy.query';

/** The current published policy of a jurisdiction, with every version ever published. */
@QueryHandler(GetPolicyQuery)
export class GetPolicyHandler implements IQueryHandler<GetPolicyQuery> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ jurisdiction }: GetPolicyQuery) {
    const { state } = await foldStream(this.events, Streams.policy(jurisdiction), evolvePolicy, initialPolicyState);
    if (!state.current) throw new NotFoundError(`published policy for ${jurisdiction}`, 'POLICY.NOT_FOUND');
    return { ...state.current, versions: Object.keys(state.versions) };
  }
}
