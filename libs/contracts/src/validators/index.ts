export * from './calendar';
export * from './text';
export * from './depth';
export * from './reference';
export * from './identifier';
