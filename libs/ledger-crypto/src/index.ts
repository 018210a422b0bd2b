export * from './canonical-json';
export * from './body-digest';
export * from './batch-signature';
export * from './secret-file';
export * from './tlog';
