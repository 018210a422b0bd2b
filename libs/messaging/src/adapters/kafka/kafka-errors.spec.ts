import { KafkaJSConnectionError, KafkaJSNonRetriableError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } from 'kafkajs';
import { LedgerError } from '@app/contracts';
import { BUS_REJECTED, BUS_UNAVAILABLE, toLedgerError } from './kafka-errors';

describe('toLedgerError', () => {
  const refused = () => new KafkaJSConnectionError('Connection error: connect ECONNREFUSED', { broker: '127.0.0.1:9092' });
  // How kafkajs's retrier wraps an error that ends its loop; its typings omit the options argument.
  const WithCause = KafkaJSNonRetriableError as unknown as new (e: Error, options: { cause: Error }) => KafkaJSNonRetriableError;

  describe('when kafkajs gave up on a connection it could not make', () => {
    it('is a retriable BUS.UNAVAILABLE, whichever wrapper kafkajs used', () => {
      const wrappers = [
        refused(),
        new KafkaJSNumberOfRetriesExceeded(refused(), { retryCount: 5, retryTime: 1000 }),
        new WithCause(refused(), { cause: refused() }),
      ];
      for (const raw of wrappers) {
        const err = toLedgerError(raw, 'publishing to t') as LedgerError;
        expect(err).toBeInstanceOf(LedgerError);
        expect([err.code, err.retriable]).toEqual([BUS_UNAVAILABLE, true]);
        expect(err.message).toBe('publishing to t: Connection error: connect ECONNREFUSED');
      }
    });
  });

  describe('when the broker refused the request for good', () => {
    it('is a non-retriable BUS.REJECTED naming the Kafka error', () => {
      const tooLarge = new KafkaJSProtocolError({ message: 'too large', type: 'MESSAGE_TOO_LARGE', code: 10, retriable: false } as unknown as Error);
      const err = toLedgerError(tooLarge, 'publishing to t') as LedgerError;
      expect([err.code, err.retriable, err.details?.kafkaCode]).toEqual([BUS_REJECTED, false, 'MESSAGE_TOO_LARGE']);
    });
  });

  describe('when the error is not kafkajs’s', () => {
    it('passes it through unchanged', () => {
      const own = new TypeError('a bug');
      expect(toLedgerError(own, 'x')).toBe(own);
    });
  });
});
