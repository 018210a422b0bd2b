import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { internalEventId, Streams } from '@app/contracts';
import { decideOnStream, EVENT_STORE, EventStore, foldStream } from '@app/event-store';
import { evolveQaBody, initialQaBodyState } from '../../qa-body/qa-body.state';
import { actingQaBody, reaches } from '../../shared/qa-scope';
import { accreditationDecider, AccreditationErrors } from '../accreditation.decider';
import { providerJurisdiction } from '../accreditation-scope';
import { AccreditProviderCommand } from './accredit-provider.command';

@CommandHandler(AccreditProviderCommand)
export class AccreditProviderHandler implements ICommandHandler<AccreditProviderCommand> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ request: body, principal, ctx }: AccreditProviderCommand) {
    const qaBodyId = actingQaBody(principal, body.qaBodyId);
    const [qaBody, jurisdiction] = await Promise.all([
      foldStream(this.events, Streams.qaBody(qaBodyId), evolveQaBody, initialQaBodyState),
      providerJurisdiction(this.events, body.providerId),
    ]);
    // A provider outside a qa-body key's reach is answered as one that is not registered.
    if (principal.role === 'qa-body' && !reaches(principal, jurisdiction, qaBody.state.registered?.jurisdictions)) throw AccreditationErrors.providerNotFound();
    const { scope } = body;
    const accreditationId = body.accreditationId ?? randomUUID();
    const accreditation = {
      accreditationId, qaBodyId, providerId: body.providerId,
      scope: { framework: scope.framework, minLevel: scope.minLevel, maxLevel: scope.maxLevel, ...(scope.fields ? { fields: scope.fields } : {}) },
      validFrom: body.validFrom, validUntil: body.validUntil, ...(body.decisionRef ? { decisionRef: body.decisionRef } : {}),
    };
    const decided = await decideOnStream(
      this.events, Streams.accreditation(accreditationId), accreditationDecider,
      { type: 'AccreditProvider', accreditation, qaBody: qaBody.state, providerJurisdiction: jurisdiction },
      ctx, { eventId: internalEventId('accreditation', accreditationId), jurisdiction },
    );
    return { accreditation, created: decided.events.length > 0, position: decided.position };
  }
}
