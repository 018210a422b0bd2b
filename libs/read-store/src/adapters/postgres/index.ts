export * from './postgres-read-store';
