export * from './storage-faults';
export * from './sqlite-files';
export * from './wal-checkpointer';
