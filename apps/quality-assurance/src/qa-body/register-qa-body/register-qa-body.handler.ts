import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { internalEventId, Streams } from '@app/contracts';
import { decideOnStream, EVENT_STORE, EventStore } from '@app/event-store';
import { qaBodyDecider } from '../qa-body.decider';
import { RegisterQaBodyCommand } from './register-qa-body.command';

@CommandHandler(RegisterQaBodyCommand)
export class RegisterQaBodyHandler implements ICommandHandler<RegisterQaBodyCommand> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ body, ctx }: RegisterQaBodyCommand) {
    const decided = await decideOnStream(this.events, Streams.qaBody(body.qaBodyId), qaBodyDecider, { type: 'RegisterQaBody', ...body }, ctx, {
      eventId: internalEventId('qa-body', body.qaBodyId),
      jurisdiction: body.jurisdictions.length === 1 ? body.jurisdictions[0] : undefined,
    });
    return { created: decided.events.length > 0, position: decided.position };
  }
}
