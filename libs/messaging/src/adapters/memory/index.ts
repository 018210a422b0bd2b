export * from './memory-bus';
