import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { NotFoundError, Streams } from '@app/contracts';
import { EVENT_STORE, EventStore, foldStream } from '@app/event-store';
import { jurisdictionsMeet } from '../../shared/qa-scope';
import { evolveQaBody, initialQaBodyState } from '../qa-body.state';
import { GetQaBodyQuery } from './get-qa-body.query';

@QueryHandler(GetQaBodyQuery)
export class GetQaBodyHandler implements IQueryHandler<GetQaBodyQuery> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ qaBodyId, principal }: GetQaBodyQuery) {
    // Another body, or one outside a regulator's jurisdictions, is answered exactly as an unknown one.
    if (principal.role === 'qa-body' && principal.scope.qaBodyId !== qaBodyId) throw new NotFoundError('QA body');
    const { state } = await foldStream(this.events, Streams.qaBody(qaBodyId), evolveQaBody, initialQaBodyState);
    if (!state.registered) throw new NotFoundError('QA body');
    if (principal.role === 'regulator' && !jurisdictionsMeet(principal.scope.jurisdictions ?? [], state.registered.jurisdictions)) throw new NotFoundError('QA body');
    return state.registered;
  }
}
