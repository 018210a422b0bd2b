export * from './random';
export * from './jurisdictions';
export * from './data-set';
export * from './lifecycle';
export * from './requests';
export * from './http-loader';
export * from './stored-events';
