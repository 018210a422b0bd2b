import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';

/**
 * The machine's limit for Kafka ingest: the same messages produced (acks=all, idempotent)
 * and consumed back by a fresh group with plain kafkajs, nothing else.
 */
export async function rawKafkaRoundTrip(brokers: string[], messages: { key: string; value: string; headers: Record<string, string> }[]): Promise<number> {
  const kafka = new Kafka({ clientId: 'bench-raw', brokers, logLevel: logLevel.ERROR });
  const topic = `bench-raw-${randomUUID()}`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  const consumer = kafka.consumer({ groupId: `bench-raw-${randomUUID()}` });
  await Promise.all([producer.connect(), consumer.connect()]);
  await consumer.subscribe({ topic, fromBeginning: true });
  let consumed = 0;
  const done = new Promise<void>((resolve) => {
    void consumer.run({
      eachBatch: async ({ batch }) => {
        consumed += batch.messages.length;
        if (consumed >= messages.length) resolve();
      },
    });
  });
  const started = process.hrtime.bigint();
  for (let i = 0; i < messages.length; i += 500) await producer.send({ topic, acks: -1, messages: messages.slice(i, i + 500) });
  await done;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await Promise.all([producer.disconnect(), consumer.disconnect()]);
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
  return messages.length / seconds;
}
