import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Streams } from '@app/contracts';
import { decideOnStream, EVENT_STORE, EventStore, foldStream } from '@app/event-store';
import { accreditationDecider } from '../accreditation.decider';
import { assertAccreditationInScope, providerJurisdiction } from '../accreditation-scope';
import { evolveAccreditation, initialAccreditationState } from '../accreditation.state';
import { ChangeAccreditationCommand } from './change-accreditation.command';

@CommandHandler(ChangeAccreditationCommand)
export class ChangeAccreditationHandler implements ICommandHandler<ChangeAccreditationCommand> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ change, principal, ctx }: ChangeAccreditationCommand) {
    const { accreditationId } = change;
    const streamId = Streams.accreditation(accreditationId);
    // Who accredited whom never changes once granted, so the scope checked here still holds when the decision is taken.
    const { state } = await foldStream(this.events, streamId, evolveAccreditation, initialAccreditationState);
    await assertAccreditationInScope(this.events, principal, state);
    const decided = await decideOnStream(this.events, streamId, accreditationDecider, change, ctx, async (current) => ({
      eventId: randomUUID(),
      jurisdiction: current.accredited ? await providerJurisdiction(this.events, current.accredited.providerId) : undefined,
    }));
    return { accreditationId, change: decided.events[0]?.type, effectiveFrom: 'effectiveFrom' in change ? change.effectiveFrom : undefined, position: decided.position };
  }
}
