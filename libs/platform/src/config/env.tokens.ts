export const LEDGER_ENV = Symbol('LEDGER_ENV');
