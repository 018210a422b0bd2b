/**
 * given(events).when(command).then(events | error) for a pure decider.
 * `evolve` folds the given events; `decide` must not read a clock or randomness.
 */
export function deciderSpec<S, C, E extends { type: string; data: unknown }>(decider: {
  initial: S;
  evolve: (state: S, event: { type: string; data: unknown }) => S;
  decide: (state: S, command: C) => E[];
}) {
  return {
    given: (events: { type: string; data: unknown }[]) => ({
      when: (command: C) => {
        const state = events.reduce(decider.evolve, decider.initial);
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
