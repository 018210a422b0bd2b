import { Inject } from '@nestjs/common';
import { v5 as uuidv5 } from 'uuid';
import { CommandHandler, ICommandHandler, IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Principal } from '@app/auth';
import { anyJurisdictionCovers, buildMetadata, DomainError, internalEventId, NotFoundError, RequestContext, Streams } from '@app/contracts';
import { decideOnStreams, EVENT_STORE, EventStore } from '@app/event-store';
import { READ_STORE, ReadStore } from '@app/read-store';
import { RequestValidationError } from '@app/platform';
import { Collections, ProviderView } from '../credentials/credential-view';
import { LearnerDigests } from './learner-digests';
import { currentLearner, heldBy } from './learner-reads';
import { LearnerCommand, LearnerDecision, learnerDecider, LearnerState } from './learner.decider';
import { IdentifierClaimView, identifierKey, LearnerCollections, LearnerView } from './learner-view';
import { LookupLearnersQuery, MergeLearnersCommand, SplitLearnerCommand } from './learners.messages';

/** The 404 of a learner that does not exist or that the caller may not see; the detail names the field. */
class LearnerNotFoundError extends NotFoundError {
  constructor(field: 'learnerId' | 'learnerIds') {
    super('learner');
    this.message = `${field}: learner not found`;
  }
}

/**
 * Whether the caller may see a learner: an admin any; a provider only learners holding one of
 * its credentials; a regulator only learners with a credential issued in its jurisdictions.
 */
async function maySee(reads: ReadStore, principal: Principal, learner: LearnerView): Promise<boolean> {
  if (principal.role === 'admin') return true;
  if (principal.role !== 'provider' && principal.role !== 'regulator') return false;
  const credentials = (await heldBy(reads, learner.learnerId)).flatMap((h) => h.credentials);
  if (principal.role === 'provider') return credentials.some((c) => c.providerId === principal.scope.providerId);
  const providers = await Promise.all([...new Set(credentials.map((c) => c.providerId))].map((id) => reads.get<ProviderView>(Collections.providers, id)));
  return providers.some((p) => p !== undefined && anyJurisdictionCovers(principal.scope.jurisdictions ?? [], p.jurisdiction));
}

/** The learner as it answers now (following merges); a learner the caller may not see is answered as absent. */
async function visibleLearner(reads: ReadStore, principal: Principal, learnerId: string): Promise<LearnerView | undefined> {
  const view = await currentLearner(reads, learnerId);
  return view && (await maySee(reads, principal, view)) ? view : undefined;
}

@QueryHandler(LookupLearnersQuery)
export class LookupLearnersHandler implements IQueryHandler<LookupLearnersQuery> {
  constructor(@Inject(READ_STORE) private readonly reads: ReadStore, private readonly digests: LearnerDigests) {}

  async execute({ identifiers, principal }: LookupLearnersQuery) {
    const found = new Set<string>();
    for (const digest of this.digests.digestAll(identifiers)) {
      const claim = await this.reads.get<IdentifierClaimView>(LearnerCollections.identifiers, identifierKey(digest));
      const learner = claim && (await visibleLearner(this.reads, principal, claim.learnerId));
      if (learner) found.add(learner.learnerId);
    }
    return { learners: [...found].sort().map((learnerId) => ({ learnerId })) };
  }
}

/** Namespace of the learner a split opens: the same split of the same learner always opens the same one. */
const SPLIT_NS = '9f3c2d1e-4b5a-5c6d-8e7f-0a1b2c3d4e5f';

/**
 * Merge and split as one decision over the streams of every learner they touch (decideOnStreams,
 * all or nothing where the engine can): the appends expect the revisions decided on, so two
 * people acting on the same learners at once cannot both succeed (the other gets a 409 and,
 * on retry, a fresh decision). Event ids derive from the request and those revisions, so the
 * same request racing itself writes once; an identical request sent again once it succeeded
 * finds it done (the decider answers with nothing to write) and gets the same answer.
 */
async function decideOnLearners(events: EventStore, learnerIds: string[], command: LearnerCommand, ctx: RequestContext): Promise<{ decision: LearnerDecision; positions: Map<string, number>; states: Map<string, LearnerState> }> {
  let decision: LearnerDecision = new Map();
  const states = new Map<string, LearnerState>();
  const decided = await decideOnStreams(events, learnerIds.map(Streams.learner), learnerDecider, async (streams) => {
    for (const id of learnerIds) states.set(id, streams.get(Streams.learner(id))!.state);
    decision = learnerDecider.decide(states, command);
    const revisions = learnerIds.map((id) => streams.get(Streams.learner(id))!.revision).join(',');
    const request = JSON.stringify({ ...command, held: undefined });
    for (const [id, decidedEvents] of decision) {
      const stream = streams.get(Streams.learner(id))!;
      stream.pending = decidedEvents.map((e, k) => ({ ...e, metadata: buildMetadata(ctx, { eventId: internalEventId('learner-decision', `${stream.streamId}\u0000${k}\u0000${revisions}\u0000${request}`) }) }));
    }
  }, { allOrNothing: true });
  const positions = new Map<string, number>();
  for (const { stream, outcome } of decided) {
    if (!outcome.ok) throw outcome.error;
    positions.set(stream.streamId, outcome.result.positions[0]);
  }
  return { decision, positions, states };
}

@CommandHandler(MergeLearnersCommand)
export class MergeLearnersHandler implements ICommandHandler<MergeLearnersCommand> {
  constructor(@Inject(READ_STORE) private readonly reads: ReadStore, @Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ learnerIds, reason, principal, ctx }: MergeLearnersCommand) {
    if (new Set(learnerIds).size !== learnerIds.length) throw new RequestValidationError([{ field: 'learnerIds', message: 'learnerIds must name different learners' }]);
    const [into] = learnerIds;
    for (const learnerId of learnerIds) {
      const learner = await visibleLearner(this.reads, principal, learnerId);
      if (!learner) throw new LearnerNotFoundError('learnerIds');
      // A learner already merged answers as another: merge that one instead, so the history stays a tree.
      // (Already merged into `into` itself: the decider tells a retry of this merge from a new one.)
      if (learner.learnerId !== learnerId && (learnerId === into || learner.learnerId !== into)) {
        throw new DomainError('LEARNER.ALREADY_MERGED', 'a learner in learnerIds is already merged into another', false, { field: 'learnerIds' });
      }
    }
    const { positions, states } = await decideOnLearners(this.events, learnerIds, { type: 'MergeLearners', learnerIds, reason }, ctx);
    // A retry of a merge already made answers with that merge.
    const position = positions.get(Streams.learner(into)) ?? Math.max(...learnerIds.slice(1).map((id) => states.get(into)?.absorbed[id] ?? 0));
    return { into, learnerIds, position };
  }
}

@CommandHandler(SplitLearnerCommand)
export class SplitLearnerHandler implements ICommandHandler<SplitLearnerCommand> {
  constructor(@Inject(READ_STORE) private readonly reads: ReadStore, @Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ learnerId, credentialIds, reason, principal, ctx }: SplitLearnerCommand) {
    const learner = await visibleLearner(this.reads, principal, learnerId);
    if (!learner || learner.learnerId !== learnerId) throw new LearnerNotFoundError('learnerId');
    const groups = await heldBy(this.reads, learnerId);
    const held = new Set(groups.flatMap((g) => g.credentials.map((c) => c.credentialId)));
    const moving = [...new Set(credentialIds)].sort();
    // Splitting off exactly what a merged learner holds restores that learner: the split undoes the merge.
    const undone = groups.find((g) => g.learnerId !== learnerId && g.credentials.length === moving.length && g.credentials.every((c) => moving.includes(c.credentialId)));
    const newLearnerId = undone?.learnerId ?? uuidv5(`${learnerId}\u0000${moving.join(',')}`, SPLIT_NS);
    const command: LearnerCommand = { type: 'SplitLearner', learnerId, credentialIds: moving, newLearnerId, reason, held: moving.every((c) => held.has(c)) };
    const { positions, states } = await decideOnLearners(this.events, [learnerId, newLearnerId], command, ctx);
    const written = positions.get(Streams.learner(learnerId));
    if (written !== undefined) return { learnerId, newLearnerId, credentialIds: moving, position: written };
    // A retry of the split just made answers with that split.
    const last = states.get(learnerId)!.lastSplit!;
    return { learnerId, newLearnerId: last.newLearnerId, credentialIds: moving, position: last.position };
  }
}

export const LEARNER_HANDLERS = [LookupLearnersHandler, MergeLearnersHandler, SplitLearnerHandler];
