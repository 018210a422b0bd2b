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

    it('takes a PostgreSQL event store', () => {
      expect(loadEnv({ EVENT_STORE: 'postgres://u:p@db/ledger?schema=events' }).eventStore).toBe('postgres://u:p@db/ledger?schema=events');
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

describe('loadEnv, one message per bad variable', () => {
  const messageFor = (source: NodeJS.ProcessEnv): string => {
    try {
      loadEnv(source);
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidConfigurationError);
      return (e as Error).message;
    }
    throw new Error('expected the configuration to be refused');
  };

  it.each(['abc', '-1', '65536', '80.5', '0x50', ' 80'])('refuses PORT=%j with a single clear message', (port) => {
    const lines = messageFor({ PORT: port }).split('\n').filter((l) => l.includes('PORT'));
    expect(lines).toEqual(['  PORT: PORT must be a whole number from 0 to 65535']);
  });

  it.each(['0', '65535', '8080'])('takes PORT=%s', (port) => {
    expect(loadEnv({ PORT: port }).port).toBe(Number(port));
  });

  it.each(['127.0.0.1', '0.0.0.0', '::', '::1', 'localhost', 'ledger.internal', 'app-1'])('takes HOST=%s', (host) => {
    expect(loadEnv({ HOST: host }).host).toBe(host);
  });

  it.each(['not a host', 'http://x', '-bad', 'a..b', 'x'.repeat(64), '300.1.1.1:80', 'host\u0000'])('refuses HOST=%j, naming it', (host) => {
    expect(messageFor({ HOST: host })).toContain('HOST: HOST must be a host name or an IP address');
  });

  it('refuses RATE_LIMIT_PER_MINUTE and EXPIRY_INTERVAL_MS that are not whole numbers in range', () => {
    const message = messageFor({ RATE_LIMIT_PER_MINUTE: '0', EXPIRY_INTERVAL_MS: 'soon' });
    expect(message).toContain('RATE_LIMIT_PER_MINUTE must be a whole number from 1');
    expect(message).toContain('EXPIRY_INTERVAL_MS must be a whole number from 100');
  });
});

describe('loadEnv, the verifiable log', () => {
  it('takes a signer key, an origin and checkpoint cadences', () => {
    const key = 'PRIVATE+KEY+ledger.example/prod+0123abcd+AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=';
    expect(loadEnv({ LEDGER_NOTE_KEY: key, LEDGER_ORIGIN: 'ledger.example/prod', LEDGER_CHECKPOINT_EVERY: '500', LEDGER_CHECKPOINT_INTERVAL_MS: '2000' }))
      .toMatchObject({ noteKey: key, origin: 'ledger.example/prod', checkpointEvery: 500, checkpointIntervalMs: 2000 });
    expect(loadEnv({})).toMatchObject({ noteKey: undefined, origin: undefined, checkpointEvery: 10_000, checkpointIntervalMs: 10_000 });
  });
  it('refuses an origin with a space or a plus, a key that is not a signer key, and cadences out of range, naming each', () => {
    let message = '';
    try {
      loadEnv({ LEDGER_ORIGIN: 'my ledger', LEDGER_NOTE_KEY: 'ledger+abcd+AQ==', LEDGER_CHECKPOINT_EVERY: '0', LEDGER_CHECKPOINT_INTERVAL_MS: '10' });
    } catch (e) {
      message = (e as Error).message;
    }
    for (const name of ['LEDGER_ORIGIN', 'LEDGER_NOTE_KEY', 'LEDGER_CHECKPOINT_EVERY', 'LEDGER_CHECKPOINT_INTERVAL_MS']) expect(message).toContain(`${name}:`);
    expect(() => loadEnv({ LEDGER_ORIGIN: 'a+b' })).toThrow(InvalidConfigurationError);
  });
});
