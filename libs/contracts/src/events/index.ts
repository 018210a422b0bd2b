export * from './event-types';
export * from './common';
export * from './provider.events';
export * from './achievement.events';
export * from './credential.events';
export * from './auth.events';
export * from './qa.events';
