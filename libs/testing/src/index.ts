export * from './events';
export * from './event-store.contract';
