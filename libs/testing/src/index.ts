export * from './events';
export * from './event-store.contract';
export * from './bus.contract';
export * from './read-store.contract';
export * from './decider-spec';
export * from './app-process';
export * from './ledger-fixtures';
export * from './signing';
