import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler, IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EventTypes, RequestValidationError, Streams } from '@app/contracts';
import { decideOnStream, EVENT_STORE, EventStore } from '@app/event-store';
import { READ_STORE, ReadStore } from '@app/read-store';
import { ERASURES, ErasureDoc } from '../erasure/erasures.projection';
import { consentDecider } from './consent.decider';
import { consentPurposes } from './consent-in-force';
import { CONSENTS, ConsentDoc } from './consents.projection';
import { GrantConsentCommand, ListConsentsQuery, WithdrawConsentCommand } from './consents.messages';
import { findAll } from '../learners/learner-reads';
import { learnerActedOn } from './learner-access';

/** Whether the log holds an erasure of this learner (the truth, not the read model). */
export async function isErased(events: EventStore, learnerId: string): Promise<boolean> {
  return (await events.readStream(Streams.learner(learnerId))).some((e) => e.type === EventTypes.LearnerErased);
}

@CommandHandler(GrantConsentCommand)
export class GrantConsentHandler implements ICommandHandler<GrantConsentCommand> {
  constructor(@Inject(READ_STORE) private readonly reads: ReadStore, @Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ learnerId, partnerId, terms, principal, ctx }: GrantConsentCommand) {
    let expiresAt: string | undefined;
    if (terms.expiresAt !== undefined) {
      const at = Date.parse(terms.expiresAt);
      if (at <= Date.parse(ctx.now)) throw new RequestValidationError([{ field: 'expiresAt', message: 'expiresAt must be in the future' }]);
      expiresAt = new Date(at).toISOString();
    }
    const learner = await learnerActedOn(this.reads, principal, learnerId);
    const purposes = consentPurposes(terms.purposes);
    const erased = await isErased(this.events, learner.learnerId);
    const command = { type: 'GrantConsent' as const, learnerId: learner.learnerId, partnerId, purposes, ...(expiresAt ? { expiresAt } : {}), erased };
    const decided = await decideOnStream(this.events, Streams.consent(learner.learnerId), consentDecider, command, ctx, { eventId: randomUUID() });
    return { learnerId: learner.learnerId, partnerId, status: 'granted' as const, purposes, ...(expiresAt ? { expiresAt } : {}), ...(decided.position !== undefined ? { position: decided.position } : {}) };
  }
}

@CommandHandler(WithdrawConsentCommand)
export class WithdrawConsentHandler implements ICommandHandler<WithdrawConsentCommand> {
  constructor(@Inject(READ_STORE) private readonly reads: ReadStore, @Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ learnerId, partnerId, principal, ctx }: WithdrawConsentCommand) {
    const learner = await learnerActedOn(this.reads, principal, learnerId);
    const decided = await decideOnStream(this.events, Streams.consent(learner.learnerId), consentDecider, { type: 'WithdrawConsent', learnerId: learner.learnerId, partnerId }, ctx, {
      eventId: randomUUID(),
    });
    const { purposes } = decided.state.consents[partnerId];
    return { learnerId: learner.learnerId, partnerId, status: 'withdrawn' as const, purposes, withdrawnAt: ctx.now, position: decided.position };
  }
}

@QueryHandler(ListConsentsQuery)
export class ListConsentsHandler implements IQueryHandler<ListConsentsQuery> {
  constructor(@Inject(READ_STORE) private readonly reads: ReadStore) {}

  async execute({ learnerId, principal }: ListConsentsQuery) {
    const learner = await learnerActedOn(this.reads, principal, learnerId);
    const docs = await findAll<ConsentDoc>(this.reads, CONSENTS, { learnerId: learner.learnerId }, (d) => `${d.learnerId}:${d.partnerId}`);
    const erased = (await this.reads.get<ErasureDoc>(ERASURES, learner.learnerId)) !== undefined;
    return { learnerId: learner.learnerId, erased, consents: docs.map(({ history: _h, ...view }) => view) };
  }
}

export const CONSENT_HANDLERS = [GrantConsentHandler, WithdrawConsentHandler, ListConsentsHandler];
