import { AnyEvent, fromStorage, LedgerEvent } from '@app/contracts';
import { EventStore } from '@app/event-store';
import { testEvent } from './events';

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

/** What a handler did when run: its answer or its refusal, and the events it appended. */
export interface HandlerRun<R> {
  result?: R;
  error?: unknown;
  appended: { streamId: string; type: string; data: unknown }[];
}

/**
 * given(streams).when(command) for a command handler over a real event store (opened per
 * run by `open`, closed after): `given` writes the events each stream already holds, `when`
 * runs the handler and answers what it returned or threw, and what it appended.
 */
export function handlerSpec<C, R>(open: () => Promise<EventStore>, handlerOf: (store: EventStore) => { execute(command: C): Promise<R> }) {
  return {
    given: (streams: Record<string, { type: string; data: Record<string, unknown> }[]>) => ({
      when: async (command: C): Promise<HandlerRun<R>> => {
        const store = await open();
        try {
          // Fixtures may carry only the fields the handler reads: written through the untyped view of the store.
          const raw: EventStore<AnyEvent> = store;
          for (const [streamId, events] of Object.entries(streams)) {
            if (events.length > 0) await raw.append({ streamId, expectedRevision: 'no-stream', events: events.map((e) => testEvent(e.type, e.data)) });
          }
          const head = await store.headPosition();
          const run: HandlerRun<R> = { appended: [] };
          try {
            run.result = await handlerOf(store).execute(command);
          } catch (error) {
            run.error = error;
          }
          run.appended = (await store.readAll({ after: head })).map((e) => ({ streamId: e.streamId, type: e.type, data: e.data }));
          return run;
        } finally {
          await store.close();
        }
      },
    }),
  };
}
