import { EventTypes, RecordedEvent } from '@app/contracts';
import { applyThroughCache, Projection, ReadTx } from '@app/read-store';
import { emptyLearner, HeldCredential, IdentifierClaimView, identifierKey, LearnerCollections, LearnerView } from './learner-view';

/** Learner records: which credentials and identifier digests each learner holds, after merges and splits. */
export class LearnersProjection implements Projection {
  readonly name = 'records.learners';
  readonly collections = Object.values(LearnerCollections);

  async apply(tx: ReadTx, event: RecordedEvent): Promise<void> {
    const load = async (learnerId: string) => (await tx.get<LearnerView>(LearnerCollections.learners, learnerId)) ?? emptyLearner(learnerId);
    const save = (view: LearnerView) => tx.put(LearnerCollections.learners, view.learnerId, view);
    switch (event.type) {
      case EventTypes.LearnerRecordOpened:
        return save(await load(event.data.learnerId));
      case EventTypes.LearnerIdentifierLinked: {
        const { learnerId, scheme, digest } = event.data;
        // A provisional claim passed on by a credential that lost a race leaves its first holder.
        const before = await tx.get<IdentifierClaimView>(LearnerCollections.identifiers, identifierKey({ scheme, digest }));
        if (before && before.learnerId !== learnerId) {
          const previous = await load(before.learnerId);
          previous.identifiers = previous.identifiers.filter((d) => d.scheme !== scheme || d.digest !== digest);
          await save(previous);
        }
        await tx.put<IdentifierClaimView>(LearnerCollections.identifiers, identifierKey({ scheme, digest }), { learnerId });
        const view = await load(learnerId);
        if (!view.identifiers.some((d) => d.scheme === scheme && d.digest === digest)) view.identifiers.push({ scheme, digest });
        return save(view);
      }
      case EventTypes.LearnerCredentialLinked: {
        const { learnerId, credentialId, providerId } = event.data;
        return tx.put<HeldCredential>(LearnerCollections.credentials, credentialId, { credentialId, learnerId, providerId });
      }
      case EventTypes.LearnerRecordsMerged: {
        const { learnerIds, into } = event.data;
        for (const id of learnerIds.filter((l) => l !== into)) await save({ ...(await load(id)), mergedInto: into });
        return;
      }
      case EventTypes.LearnerRecordsSplit: {
        const { credentialIds, newLearnerId } = event.data;
        for (const credentialId of credentialIds) {
          const held = await tx.get<HeldCredential>(LearnerCollections.credentials, credentialId);
          if (held) await tx.put<HeldCredential>(LearnerCollections.credentials, credentialId, { ...held, learnerId: newLearnerId });
        }
        // Splitting off a merged learner's credentials undoes the merge: it answers as itself again.
        const target = await load(newLearnerId);
        delete target.mergedInto;
        return save(target);
      }
    }
  }

  /** A learner record opened and linked in one batch: one write. */
  applyBatch(tx: ReadTx, events: RecordedEvent[]): Promise<void> {
    return applyThroughCache(tx, events, (t, e) => this.apply(t, e));
  }
}
