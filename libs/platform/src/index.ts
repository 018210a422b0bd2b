export * from './config/env';
export * from './config/env.tokens';
export * from './problem/problem';
export * from './problem/problem.filter';
export * from './http/http-app';
export * from './http/openapi';
export * from './platform.module';
// Built from the principal, so it lives in auth; re-exported for the controllers that take it from here.
export { Ctx, httpContext } from '@app/auth';
export * from './http/run-app';
export * from './metrics/metrics';
export * from './http/access.guard';
export * from './http/access-limits';
export * from './http/body-gate';
export * from './http/raw-body-taps';
