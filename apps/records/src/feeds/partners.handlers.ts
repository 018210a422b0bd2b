import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler, IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Principal } from '@app/auth';
import { EventTypes, internalEventId, NotFoundError, PartnerRegistered, PartnerResponse, RecordedEvent, RegisterPartnerRequest, Streams, Topics } from '@app/contracts';
import { decideOnStream, EVENT_STORE, EventStore } from '@app/event-store';
import { partnerDecider } from './partner.decider';
import { GetPartnerQuery, RegisterPartnerCommand, RegisterPartnerResult } from './partners.messages';

/** The registration as stored: lists sorted, so the same partner posted in another order is a retry. */
function partnerOf(request: RegisterPartnerRequest): PartnerRegistered {
  const { scope, deliveries } = request;
  return {
    partnerId: request.partnerId,
    name: request.name,
    scope: { jurisdictions: [...scope.jurisdictions].sort(), eventKinds: [...scope.eventKinds].sort(), purposes: [...scope.purposes].sort() },
    deliveries: { kafka: deliveries.kafka, ...(deliveries.webhook ? { webhook: { url: deliveries.webhook.url } } : {}) },
  };
}

@CommandHandler(RegisterPartnerCommand)
export class RegisterPartnerHandler implements ICommandHandler<RegisterPartnerCommand, RegisterPartnerResult> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ request, ctx }: RegisterPartnerCommand): Promise<RegisterPartnerResult> {
    const partner = partnerOf(request);
    const streamId = Streams.partner(partner.partnerId);
    const decided = await decideOnStream(this.events, streamId, partnerDecider, { type: 'RegisterPartner', partner }, ctx, { eventId: internalEventId('partner', partner.partnerId) });
    if (decided.events.length > 0) return { partnerId: partner.partnerId, position: decided.position!, created: true };
    const [first] = await this.events.readStream(streamId, { maxCount: 1 });
    return { partnerId: partner.partnerId, position: first.position, created: false };
  }
}

/** The registration of a partner the principal may see: an admin sees any, a partner key only its own. */
export async function visiblePartner(events: EventStore, principal: Principal, partnerId: string): Promise<RecordedEvent & { type: 'PartnerRegistered' }> {
  // Another partner's id is answered exactly like an unknown one: a key learns nothing of partners it is not.
  if (principal.role !== 'admin' && !(principal.role === 'partner' && principal.scope.partnerId === partnerId)) throw new NotFoundError('partner');
  const [registered] = await events.readStream(Streams.partner(partnerId), { maxCount: 1 });
  if (registered?.type !== EventTypes.PartnerRegistered) throw new NotFoundError('partner');
  return registered;
}

@QueryHandler(GetPartnerQuery)
export class GetPartnerHandler implements IQueryHandler<GetPartnerQuery, PartnerResponse> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ partnerId, principal }: GetPartnerQuery): Promise<PartnerResponse> {
    const registered = await visiblePartner(this.events, principal, partnerId);
    const { data } = registered;
    return {
      ...data,
      ...(data.deliveries.kafka ? { topic: Topics.partnerFeed(data.partnerId) } : {}),
      position: registered.position,
      registeredAt: registered.metadata.recordedAt,
    };
  }
}

export const PARTNER_HANDLERS = [RegisterPartnerHandler, GetPartnerHandler];
