import { CloudEvent, Kafka, KafkaMessage } from 'cloudevents';
import { fromStorage, RecordedEvent } from '@app/contracts';
import { toMessage } from './ledger-cloud-event';

const recorded: RecordedEvent = {
  streamId: 'provider-uni-a',
  ...fromStorage('ProviderRegistered', { providerId: 'uni-a', name: 'University A', jurisdiction: 'NZ', kind: 'university' }),
  revision: 0,
  position: 7,
  metadata: {
    eventId: '0f8fad5b-d9cb-469f-a165-70867728950e', actor: { role: 'admin', id: 'root' }, correlationId: 'c-1', channel: 'http',
    occurredAt: '2026-01-01T00:00:00.000Z', recordedAt: '2026-01-01T00:00:01.000Z', schemaVersion: 1,
  },
};

describe('toMessage', () => {
  describe('when an event is relayed', () => {
    const message = toMessage(recorded);

    it('keeps the binary-mode headers consumers already read, keyed by stream', () => {
      expect(message.key).toBe('provider-uni-a');
      expect(message.headers).toEqual({
        'content-type': 'application/json',
        ce_specversion: '1.0',
        ce_id: recorded.metadata.eventId,
        ce_source: '/credential-ledger/streams/provider-uni-a',
        ce_type: 'credential-ledger.ProviderRegistered.v1',
        ce_time: '2026-01-01T00:00:01.000Z',
        ce_subject: 'provider-uni-a',
        ce_datacontenttype: 'application/json',
      });
    });

    it('carries the whole recorded event as its JSON value', () => {
      const { streamId, revision, position, type, data, metadata } = recorded;
      expect(JSON.parse(message.value)).toEqual({ streamId, revision, position, type, data, metadata });
    });

    it('reads back as the same CloudEvent through the SDK', () => {
      const received: KafkaMessage<string> = { key: message.key, value: message.value, body: message.value, headers: message.headers ?? {} };
      const event = Kafka.toEvent(received) as CloudEvent<unknown>;
      expect(event).toMatchObject({ id: recorded.metadata.eventId, type: 'credential-ledger.ProviderRegistered.v1', subject: 'provider-uni-a' });
      expect(event.data).toMatchObject({ type: 'ProviderRegistered', position: 7 });
    });
  });

  describe('when an attribute would not pass CloudEvents validation', () => {
    it('still builds the message, so one event cannot stop the relay', () => {
      const odd = toMessage({ ...recorded, metadata: { ...recorded.metadata, recordedAt: 'not-a-time' } });
      expect(odd.headers).toMatchObject({ ce_id: recorded.metadata.eventId, ce_time: 'not-a-time' });
    });
  });
});
