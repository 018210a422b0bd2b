export * from './bus.port';
export * from './bus.tokens';
export * from './bus.factory';
export * from './bus.module';
export { describeError, isRetriableError } from './delivery';
