export * from './policy-engine';
export * from './shipped-policies';
