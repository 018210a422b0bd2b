export * from './storage-faults';
export * from './sqlite-files';
