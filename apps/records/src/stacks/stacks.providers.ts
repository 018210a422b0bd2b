import { DefineStackHandler } from './define-stack/define-stack.handler';
import { LearnerStacksHandler } from './learner-stacks/learner-stacks.handler';
import { StackProjections } from './stack-projections.service';

/** What the records module registers for stacks. */
export const STACK_PROVIDERS = [StackProjections, DefineStackHandler, LearnerStacksHandler];
