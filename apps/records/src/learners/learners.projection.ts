import { EventTypes, RecordedEvent } from '@app/contracts';
import { Projection, ReadTx } from '@app/read-store';
import { emptyLearner, IdentifierClaimView, identifierKey, LearnerCollections, LearnerView } from './learner-view';

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
        // A learner merged away passes what it gets on to the record it was merged into.
        let view = await load(learnerId);
        if (view.mergedInto) view = await load(view.mergedInto);
        if (!view.credentials.some((c) => c.credentialId === credentialId)) view.credentials.push({ credentialId, providerId });
        return save(view);
      }
      case EventTypes.LearnerRecordsMerged: {
        const { learnerIds, into } = event.data;
        const target = await load(into);
        for (const id of learnerIds.filter((l) => l !== into)) {
          const merged = await load(id);
          target.credentials.push(...merged.credentials);
          target.mergedFrom.push({ learnerId: id, credentialIds: merged.credentials.map((c) => c.credentialId) });
          await save({ ...merged, credentials: [], mergedInto: into });
        }
        return save(target);
      }
      case EventTypes.LearnerRecordsSplit: {
        const { learnerId, credentialIds, newLearnerId } = event.data;
        const source = await load(learnerId);
        const moving = new Set(credentialIds);
        const target = await load(newLearnerId);
        target.credentials.push(...source.credentials.filter((c) => moving.has(c.credentialId)));
        delete target.mergedInto;
        source.credentials = source.credentials.filter((c) => !moving.has(c.credentialId));
        source.mergedFrom = source.mergedFrom.filter((m) => m.learnerId !== newLearnerId);
        await save(source);
        return save(target);
      }
    }
  }
}
