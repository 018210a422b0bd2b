export * from './read-store.port';
export * from './read-store.tokens';
export * from './read-store.factory';
export * from './read-store.module';
export * from './projection';
export * from './projection-runner';
export * from './hosted-projections';
