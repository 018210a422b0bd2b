import { join, resolve } from 'node:path';
import { InvalidConfigurationError, loadEnv } from './env';

describe('loadEnv', () => {
  describe('when nothing is set', () => {
    it('serves on embedded engines under ./data', () => {
      const env = loadEnv({});
      expect(env).toMatchObject({ port: 3000, host: '127.0.0.1', bus: 'memory', dataDir: resolve('data') });
      expect(env.eventStore).toBe(`sqlite:${join(resolve('data'), 'events.db')}`);
      expect(env.readStore).toBe(`sqlite:${join(resolve('data'), 'read.db')}`);
    });
  });

  describe('when production engines are named', () => {
    it('takes them as given', () => {
      const env = loadEnv({ EVENT_STORE: 'esdb://es:2113?tls=false', READ_STORE: 'postgres://u:p@db/ledger', BUS: 'kafka://k1:9092,k2:9092', PORT: '8080' });
      expect(env).toMatchObject({ eventStore: 'esdb://es:2113?tls=false', readStore: 'postgres://u:p@db/ledger', bus: 'kafka://k1:9092,k2:9092', port: 8080 });
    });
  });

  describe('when values are wrong', () => {
    it('names every bad variable', () => {
      let error: unknown;
      try {
        loadEnv({ PORT: 'eighty', EVENT_STORE: 'mysql://x', BUS: 'rabbit', LEDGER_PEPPER: 'short' });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InvalidConfigurationError);
      const message = (error as Error).message;
      for (const name of ['PORT', 'EVENT_STORE', 'BUS', 'LEDGER_PEPPER']) expect(message).toContain(name);
    });
  });
});
