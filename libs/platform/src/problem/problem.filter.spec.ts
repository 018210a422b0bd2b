import { ArgumentsHost } from '@nestjs/common';
import { MAX_FIELD_ERRORS, RequestValidationError } from '@app/contracts';
import { EventStoreUnavailableError, StorageUnavailableError } from '@app/event-store';
import { ProblemFilter, RETRY_AFTER_SECONDS } from './problem.filter';

function respond(error: unknown) {
  const sent = { status: 0, headers: {} as Record<string, string>, type: '', body: '' };
  const res = {
    headersSent: false,
    setHeader: (name: string, value: string) => (sent.headers[name] = value),
    status(code: number) {
      sent.status = code;
      return this;
    },
    type(t: string) {
      sent.type = t;
      return this;
    },
    send(body: string) {
      sent.body = body;
      return this;
    },
  };
  const host = { switchToHttp: () => ({ getRequest: () => ({ originalUrl: '/v1/x' }), getResponse: () => res }) } as unknown as ArgumentsHost;
  new ProblemFilter().catch(error, host);
  return { ...sent, problem: JSON.parse(sent.body) };
}

describe('ProblemFilter', () => {
  describe('when the disk is full or read-only', () => {
    it('answers 503 problem+json with Retry-After, naming the store and the fault', () => {
      const { status, headers, type, problem } = respond(new StorageUnavailableError('event store', 'SQLITE_FULL'));
      expect(status).toBe(503);
      expect(headers['Retry-After']).toBe(String(RETRY_AFTER_SECONDS));
      expect(type).toBe('application/problem+json');
      expect(problem).toMatchObject({ status: 503, code: 'STORAGE.UNAVAILABLE', detail: expect.stringContaining('event store') });
      expect(problem.detail).toContain('SQLITE_FULL');
    });
  });

  describe('when an engine is unreachable', () => {
    it('answers 503 with Retry-After without the engine\'s own message (it may name hosts)', () => {
      const { status, headers, problem } = respond(new EventStoreUnavailableError('connect ECONNREFUSED 10.0.0.7:2113'));
      expect(status).toBe(503);
      expect(headers['Retry-After']).toBeDefined();
      expect(problem.code).toBe('EVENT_STORE.UNAVAILABLE');
      expect(JSON.stringify(problem)).not.toContain('10.0.0.7');
    });
  });

  describe('when an unknown error escapes', () => {
    it('still answers 500 without Retry-After', () => {
      const { status, headers } = respond(new Error('boom'));
      expect(status).toBe(500);
      expect(headers['Retry-After']).toBeUndefined();
    });
  });

  describe('when a request has more offending fields than a problem lists', () => {
    it('lists the first ones and says how many more there were', () => {
      const errors = Array.from({ length: MAX_FIELD_ERRORS + 7 }, (_, i) => ({ field: `p${i}`, message: `property p${i} should not exist` }));
      const { status, problem } = respond(new RequestValidationError(errors));
      expect(status).toBe(400);
      expect(problem.errors).toEqual(errors.slice(0, MAX_FIELD_ERRORS));
      expect(problem.errorsOmitted).toBe(7);
      expect(respond(new RequestValidationError(errors.slice(0, 2))).problem).not.toHaveProperty('errorsOmitted');
    });
  });
});
