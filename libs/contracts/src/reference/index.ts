export * from './levels';
export * from './credits';
export * from './jurisdictions';
export * from './identifier-schemes';
