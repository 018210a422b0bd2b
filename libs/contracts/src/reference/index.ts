export * from './levels';
export * from './credits';
export * from './jurisdictions';
