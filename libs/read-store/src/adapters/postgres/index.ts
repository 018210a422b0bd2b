export * from './postgres-read-store';
export * from './postgres-read-store.errors';
