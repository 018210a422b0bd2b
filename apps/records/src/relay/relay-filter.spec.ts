import { fromStorage, RecordedEvent } from '@app/contracts';
import { relayed } from './relay-filter';
import { toMessage } from './ledger-cloud-event';

const event = (streamId: string, type: string, data: Record<string, unknown>): RecordedEvent => ({
  streamId,
  ...fromStorage(type, data),
  revision: 0,
  position: 1,
  metadata: { eventId: 'e-1', recordedAt: '2026-01-01T00:00:00Z' } as RecordedEvent['metadata'],
});

describe('relayed', () => {
  describe('when the event belongs to an API key', () => {
    it('is never relayed, not even redacted', () => {
      expect(relayed(event('apikey-abc12345', 'ApiKeyIssued', { keyId: 'abc12345', secretHash: 'f'.repeat(64) }))).toBeUndefined();
      expect(relayed(event('apikey-abc12345', 'ApiKeyRevoked', { keyId: 'abc12345' }))).toBeUndefined();
    });
  });

  describe('when the stream is named after an identifier digest', () => {
    it('is never relayed', () => {
      expect(relayed(event(`identity-email-${'a'.repeat(64)}`, 'IdentifierClaimed', {}))).toBeUndefined();
    });
  });

  describe('when a credential names its holder', () => {
    it('drops the identifier digests and keeps the rest, the encrypted personal data included', () => {
      const personal = { keyId: 'k', alg: 'A256GCM', ciphertext: 'xyz' };
      const issued = event('credential-1', 'CredentialIssued', { credentialId: '1', holder: { identifierDigests: [{ scheme: 'email', digest: 'a'.repeat(64) }], personal } });
      const out = relayed(issued)!;
      expect(out.data).toEqual({ credentialId: '1', holder: { personal } });
      expect(toMessage(out).value).not.toContain('a'.repeat(64));
    });
  });

  describe('when the event carries no credential or digest', () => {
    it('is relayed unchanged', () => {
      const registered = event('provider-p', 'ProviderRegistered', { providerId: 'p' });
      expect(relayed(registered)).toBe(registered);
    });
  });
});
