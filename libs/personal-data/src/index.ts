export * from './identifier-digester';
export * from './key-vault.port';
export * from './key-vault.factory';
export * from './personal-data-cipher';
export * from './personal-data.module';
export * from './evidence/evidence-store.port';
export * from './evidence/evidence-cipher';
export * from './evidence/evidence-store.factory';
