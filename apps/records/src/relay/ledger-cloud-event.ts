import { CloudEvent, Kafka } from 'cloudevents';
import { AnyEvent, RecordedEvent } from '@app/contracts';
import { BusMessage } from '@app/messaging';

/** Where ledger events come from, as a CloudEvents `source` (a URI reference). */
export const CLOUD_EVENT_SOURCE = '/credential-ledger/streams';

/** The CloudEvents `type` of a ledger event: the name and the schema version of its data. */
export function cloudEventType(event: RecordedEvent<AnyEvent>): string {
  return `credential-ledger.${event.type}.v${event.metadata.schemaVersion ?? 1}`;
}

/**
 * A relayed event as a CloudEvent 1.0 in the Kafka protocol binding's binary mode, built
 * by the CloudEvents SDK: `ce_*` headers, the event as a JSON value, keyed by stream so
 * per-stream order holds on the topic.
 *
 * Built without the SDK's strict validation: the ledger sets every attribute itself, and
 * a refusal here would stop the relay on that event for good (no event may stop a
 * subscription), where a consumer that finds an attribute wrong can still park the message.
 */
export function toMessage(event: RecordedEvent<AnyEvent>): BusMessage {
  const cloudEvent = new CloudEvent({
    id: event.metadata.eventId,
    source: `${CLOUD_EVENT_SOURCE}/${event.streamId}`,
    type: cloudEventType(event),
    time: event.metadata.recordedAt,
    subject: event.streamId,
    datacontenttype: 'application/json',
    data: { streamId: event.streamId, revision: event.revision, position: event.position, type: event.type, data: event.data, metadata: event.metadata },
  }, false);
  const message = Kafka.binary(cloudEvent);
  return { key: event.streamId, value: JSON.stringify(message.value), headers: definedHeaders(message.headers) };
}

/** The SDK names every attribute the event could have; absent ones (dataschema…) are not sent. */
export function definedHeaders(headers: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}
