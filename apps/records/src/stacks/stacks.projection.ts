import { EventTypes, RecordedEvent, StackDefined } from '@app/contracts';
import { Projection, ReadTx } from '@app/read-store';

/** A stack as defined, with when it was recorded. */
export interface StackView extends StackDefined {
  definedAt: string;
  position: number;
}

/** One achievement of one stack (by `${achievementId}:${stackId}`): finds the stacks a credential goes towards. */
export interface StackAchievementView {
  achievementId: string;
  providerId: string;
  stackId: string;
  mandatory: boolean;
}

export const StackCollections = {
  stacks: 'records.stacks',
  byAchievement: 'records.stack-achievements',
} as const;

/** Stacks and, for each achievement, the stacks it counts towards. */
export class StacksProjection implements Projection {
  readonly name = 'records.stacks';
  readonly collections = Object.values(StackCollections);

  async apply(tx: ReadTx, event: RecordedEvent): Promise<void> {
    if (event.type !== EventTypes.StackDefined) return;
    const stack = event.data;
    // A stack is defined once; a replayed or repeated definition changes nothing.
    if (await tx.get(StackCollections.stacks, stack.stackId)) return;
    await tx.put<StackView>(StackCollections.stacks, stack.stackId, { ...stack, definedAt: event.metadata.recordedAt, position: event.position });
    for (const a of stack.achievements) {
      await tx.put<StackAchievementView>(StackCollections.byAchievement, `${a.achievementId}:${stack.stackId}`, {
        achievementId: a.achievementId, providerId: a.providerId, stackId: stack.stackId, mandatory: a.mandatory,
      });
    }
  }
}
