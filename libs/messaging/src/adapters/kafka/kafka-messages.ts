import { IHeaders, KafkaMessage, Message } from 'kafkajs';
import { BusMessage, ConsumedMessage } from '../../bus.port';

/** A port message as kafkajs sends it. */
export function toKafka(m: BusMessage): Message {
  return { key: m.key, value: m.value, headers: m.headers ? { ...m.headers } : undefined };
}

/**
 * Splits a publish into runs of at most `maxBytes` (keys, values and headers; a message
 * larger than that goes alone), in order. The broker refuses a partition's record batch
 * over its message.max.bytes (1 MB by default), which one send of a large batch would exceed.
 */
export function chunkBySize(messages: BusMessage[], maxBytes: number): BusMessage[][] {
  const chunks: BusMessage[][] = [];
  let chunk: BusMessage[] = [];
  let bytes = 0;
  for (const m of messages) {
    // Record framing (offsets, lengths, timestamps) adds some tens of bytes a message.
    let size = 64 + Buffer.byteLength(m.key) + Buffer.byteLength(m.value);
    for (const name in m.headers) size += Buffer.byteLength(name) + Buffer.byteLength(m.headers[name]) + 8;
    if (chunk.length > 0 && bytes + size > maxBytes) {
      chunks.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(m);
    bytes += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

/** A fetched record as the port hands it to handlers: UTF-8 strings throughout. */
export function toConsumed(topic: string, partition: number, m: KafkaMessage): ConsumedMessage {
  const consumed: ConsumedMessage = { topic, partition, offset: m.offset, key: m.key?.toString('utf8') ?? '', value: m.value?.toString('utf8') ?? '' };
  const headers = toHeaders(m.headers);
  if (headers) consumed.headers = headers;
  return consumed;
}

function toHeaders(raw: IHeaders | undefined): Record<string, string> | undefined {
  if (!raw) return undefined;
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    // Kafka allows a header name to repeat; the port has one value per name, the last.
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last !== undefined) out[name] = last.toString();
  }
  return Object.keys(out).length ? out : undefined;
}
