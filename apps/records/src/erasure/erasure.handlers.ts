import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler, IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { internalEventId, LedgerError, Streams } from '@app/contracts';
import { decideOnStream, EVENT_STORE, EventStore, foldStream, WrongExpectedRevisionError } from '@app/event-store';
import { KEY_VAULT, KeyVault } from '@app/personal-data';
import { READ_STORE, ReadStore } from '@app/read-store';
import { learnerActedOn, learnerGroup } from '../consents/learner-access';
import { LearnerProjections } from '../learners/learner-projections.service';
import { erasureDecider, evolveErasure, initialErasureState } from './erasure.decider';
import { learnerKeyIds } from './erasure-keys';
import { EraseLearnerCommand, GetErasureQuery } from './erasure.messages';
import { ERASURES, ErasureDoc } from './erasures.projection';

/**
 * Crypto-shredding: destroy every data key of the learner (and of the learners merged into
 * them) in the vault, then append LearnerErased. Keys first: a crash in between leaves keys
 * destroyed and no event, and the retry destroys nothing new and appends it, so the learner
 * always ends erased and the log never claims an erasure that did not happen.
 */
@CommandHandler(EraseLearnerCommand)
export class EraseLearnerHandler implements ICommandHandler<EraseLearnerCommand> {
  private readonly logger = new Logger('Erasure');

  constructor(
    @Inject(READ_STORE) private readonly reads: ReadStore,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(KEY_VAULT) private readonly vault: KeyVault,
    private readonly learners: LearnerProjections,
  ) {}

  /**
   * Waits until identity resolution has linked every credential the log held when the
   * request came (and the read model holds those links), so a credential issued just before
   * the erasure is not left out of it. 503, nothing destroyed, when it cannot catch up in time.
   */
  private async settled(): Promise<void> {
    const deadline = Date.now() + 10_000;
    for (let round = 0; round < 2; round++) {
      const head = await this.events.headPosition();
      while (this.learners.runner.caughtUpTo < head) {
        if (Date.now() > deadline) throw new LedgerError('RECORDS.UNAVAILABLE', 'learner records are behind the log; nothing was erased, retry later', true);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }

  async execute({ learnerId, reason, principal, ctx }: EraseLearnerCommand) {
    const learner = await learnerActedOn(this.reads, principal, learnerId);
    const stream = Streams.learner(learner.learnerId);
    const before = (await foldStream(this.events, stream, evolveErasure, initialErasureState())).state.erased;
    if (before) return { learnerId: learner.learnerId, erased: true, keyIds: before.keyIds, erasedAt: before.erasedAt, position: before.position };
    await this.settled();
    const group = await learnerGroup(this.reads, learner);
    const keys = await learnerKeyIds(this.events, group.credentials.map((c) => c.credentialId), group.learners.flatMap((l) => l.identifiers));
    // A key sealed into a credential but unknown to this vault: this process opened another vault than the providers'.
    for (const keyId of keys.sealed) {
      if ((await this.vault.status(keyId)) === 'absent') {
        throw new LedgerError('VAULT.MISMATCH', 'the key vault does not hold the keys the credentials were sealed under: records must open the providers\' vault (VAULT, LEDGER_VAULT_KEY)');
      }
    }
    for (const keyId of keys.all) await this.vault.destroy(keyId);
    await this.vault.purge();
    const command = { type: 'EraseLearner' as const, learnerId: learner.learnerId, keyIds: keys.all, reason };
    const meta = { eventId: internalEventId('learner-erased', learner.learnerId) };
    // The learner stream also takes identity resolution's appends: one retry absorbs a race with them.
    const decided = await decideOnStream(this.events, stream, erasureDecider, command, ctx, meta).catch((error: unknown) => {
      if (error instanceof WrongExpectedRevisionError) return decideOnStream(this.events, stream, erasureDecider, command, ctx, meta);
      throw error;
    });
    const erased = decided.state.erased;
    this.logger.log({ learnerId: learner.learnerId, keys: keys.all.length }, 'learner erased');
    return erased
      ? { learnerId: learner.learnerId, erased: true, keyIds: erased.keyIds, erasedAt: erased.erasedAt, position: erased.position }
      : { learnerId: learner.learnerId, erased: true, keyIds: keys.all, erasedAt: ctx.now, position: decided.position! };
  }
}

@QueryHandler(GetErasureQuery)
export class GetErasureHandler implements IQueryHandler<GetErasureQuery> {
  constructor(@Inject(READ_STORE) private readonly reads: ReadStore) {}

  async execute({ learnerId, principal }: GetErasureQuery) {
    const learner = await learnerActedOn(this.reads, principal, learnerId);
    const doc = await this.reads.get<ErasureDoc>(ERASURES, learner.learnerId);
    return { learnerId: learner.learnerId, erased: doc !== undefined, ...(doc ? { erasedAt: doc.erasedAt, keyIds: doc.keyIds } : {}) };
  }
}

export const ERASURE_HANDLERS = [EraseLearnerHandler, GetErasureHandler];
