import { AnyEvent, fromStorage, LedgerEvent } from '@app/contracts';

/**
 * given(events).when(command).then(events | error) for a pure decider.
 * `evolve` folds the given events, read as the store would give them back (fixtures may
 * leave out fields the fold ignores); `decide` must not read a clock or randomness.
 */
export function deciderSpec<S, C, E extends LedgerEvent>(decider: {
  initial: S;
  evolve: (state: S, event: LedgerEvent) => S;
  decide: (state: S, command: C) => E[];
}) {
  return {
    given: (events: AnyEvent[]) => ({
      when: (command: C) => {
        const state = events.reduce((s, e) => decider.evolve(s, fromStorage(e.type, e.data)), decider.initial);
        const run = () => decider.decide(state, command);
        return {
          then: (expected: { type: string; data?: unknown }[]) => expect(run()).toEqual(expected.map((e) => (e.data === undefined ? expect.objectContaining({ type: e.type }) : e))),
          thenRefuses: (code: string) => {
            let caught: unknown;
            try {
              run();
            } catch (error) {
              caught = error;
            }
            expect(caught).toMatchObject({ code });
          },
        };
      },
    }),
  };
}
