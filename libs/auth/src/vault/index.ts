export * from './key-vault.port';
export * from './personal-data-cipher';
export * from './key-vault.factory';
