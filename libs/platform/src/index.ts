export * from './config/env';
export * from './config/env.tokens';
export * from './problem/problem';
export * from './problem/problem.filter';
export * from './http/http-app';
export * from './platform.module';
export * from './http/request-context';
export * from './http/run-app';
