export * from './signed-request';
export * from './signature-check';
export * from './signed-requests.module';
