export * from './event-store.port';
export * from './event-store.errors';
export * from './event-store.tokens';
export * from './event-store.factory';
export * from './event-store.module';
export * from './fold-stream';
export * from './decide-on-stream';
export * from './storage';
