export * from './postgres-event-store';
export * from './postgres-event-store.errors';
