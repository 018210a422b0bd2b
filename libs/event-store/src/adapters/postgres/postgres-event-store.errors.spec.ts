import { EventStoreUnavailableError, StorageUnavailableError } from '../../event-store.errors';
import { translatePgError } from './postgres-event-store.errors';

describe('translatePgError', () => {
  describe('when the server cannot be reached, is shutting down or is a read-only standby', () => {
    it('answers the retriable EVENT_STORE.UNAVAILABLE', () => {
      for (const failure of [{ code: 'ECONNREFUSED' }, { code: '57P01' }, { code: '08006' }, { code: '25006' }, { message: 'Connection terminated unexpectedly' }]) {
        expect(translatePgError({ message: 'x', ...failure })).toBeInstanceOf(EventStoreUnavailableError);
      }
    });
  });

  describe('when the server disk is full', () => {
    it('answers the retriable STORAGE.UNAVAILABLE every store uses', () => {
      expect(translatePgError({ code: '53100', message: 'could not extend file' })).toMatchObject({ code: 'STORAGE.UNAVAILABLE', retriable: true });
      expect(translatePgError({ code: '53100' })).toBeInstanceOf(StorageUnavailableError);
    });
  });

  describe('when the failure is not transient', () => {
    it('returns it unchanged', () => {
      const unique = { code: '23505', message: 'duplicate key value violates unique constraint' };
      expect(translatePgError(unique)).toBe(unique);
    });
  });
});
