/*
 * KafkaBus on a real broker.
 *
 * KAFKA_BROKERS        comma-separated host:port list. Unset: every test here is skipped,
 *                      and the reason is printed.
 * KAFKA_LAUNCHER_PORT  the port of a broker run by deploy/kafka/kafka.sh; enables the
 *                      broker-restart test, which runs `kafka.sh restart` on it. Unset, it
 *                      is found by asking `kafka.sh status` about the port in
 *                      KAFKA_BROKERS=127.0.0.1:<port>. Never point it at a shared broker.
 *
 * Locally (the int project's global setup does the same when KAFKA_BROKERS is unset):
 *   KAFKA_PORT=19092 bash deploy/kafka/kafka.sh up
 *   KAFKA_BROKERS=127.0.0.1:19092 npx jest libs/messaging --selectProjects int
 *   KAFKA_PORT=19092 bash deploy/kafka/kafka.sh down
 *
 * The restart test shares this file with the contract suite so that jest runs them one
 * after the other: a restart under a concurrently running suite would fail it.
 */
import { execFile, execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { BusMessage, ConsumedMessage } from '@app/messaging';
import { busContract, eventually, uniqueName } from '@app/testing';
import { KafkaBus } from './kafka-bus';

const brokers = (process.env.KAFKA_BROKERS ?? '').split(',').map((b) => b.trim()).filter(Boolean);
const launcher = resolve(__dirname, '../../../../../deploy/kafka/kafka.sh');
const launcherPort = process.env.KAFKA_LAUNCHER_PORT ?? launcherRunning(/^127\.0\.0\.1:(\d+)$/.exec(brokers.join(','))?.[1]);

/** The port, if the launcher says it runs a broker there (`status` exits 0 only then). */
function launcherRunning(port: string | undefined): string | undefined {
  if (!port) return undefined;
  try {
    execFileSync('bash', [launcher, 'status'], { env: { ...process.env, KAFKA_PORT: port }, stdio: 'ignore', timeout: 10_000 });
    return port;
  } catch {
    return undefined;
  }
}

if (brokers.length > 0) {
  busContract('kafka', async () => new KafkaBus({ brokers, clientId: uniqueName('contract-') }), 60_000);
} else {
  console.warn('KafkaBus integration tests skipped: KAFKA_BROKERS is not set (start a broker with deploy/kafka/kafka.sh up)');
  describe.skip('MessageBus contract: kafka (KAFKA_BROKERS not set)', () => {
    it('runs against a real broker', () => undefined);
  });
}

const withBroker = brokers.length > 0 ? describe : describe.skip;

withBroker('KafkaBus beyond the contract', () => {
  const timeoutMs = 60_000;
  let bus: KafkaBus;
  beforeAll(() => {
    bus = new KafkaBus({ brokers, clientId: uniqueName('specific-') });
  });
  afterAll(async () => {
    await bus?.close();
  }, timeoutMs);

  describe('when a new group asks for only new messages', () => {
    it('receives what is published once subscribe resolves, and nothing older', async () => {
      const topic = uniqueName('t-');
      await bus.publish(topic, [{ key: 'k', value: 'old' }]);
      const got: ConsumedMessage[] = [];
      const sub = await bus.subscribe({ topic, groupId: uniqueName('g-'), fromBeginning: false }, async (batch) => {
        got.push(...batch);
      });
      try {
        await bus.publish(topic, [{ key: 'k', value: 'new' }]);
        await eventually(() => got.length >= 1, timeoutMs, 'the new message');
        expect(got.map((m) => m.value)).toEqual(['new']);
      } finally {
        await sub.stop();
      }
    }, timeoutMs);
  });

  describe('when it publishes to more topics than it has producers, some publishes larger than one request', () => {
    it('delivers every message of each topic, each key in order', async () => {
      const small = new KafkaBus({ brokers, clientId: uniqueName('producers-'), producers: 2, maxPublishBytes: 4_096 });
      const topics = [uniqueName('t-'), uniqueName('t-'), uniqueName('t-')];
      const got = new Map<string, string[]>(topics.map((t) => [t, []]));
      const subs = await Promise.all(
        topics.map((topic) =>
          small.subscribe({ topic, groupId: uniqueName('g-') }, async (batch) => {
            for (const m of batch) got.get(topic)!.push(m.value);
          }),
        ),
      );
      try {
        const sent = Array.from({ length: 200 }, (_, n) => `${n}`.padStart(100, '.'));
        // 200 messages of ~170 bytes pass 4 KiB many times over: each publish goes in chunks.
        await Promise.all(topics.map((topic) => small.publish(topic, sent.map((value) => ({ key: 'k', value })))));
        await eventually(() => topics.every((t) => got.get(t)!.length >= sent.length), timeoutMs, 'every message on every topic');
        for (const topic of topics) expect(got.get(topic)).toEqual(sent);
      } finally {
        await Promise.all(subs.map((s) => s.stop()));
        await small.close();
      }
    }, timeoutMs);
  });

  describe('when a subscription stops while its handler keeps failing', () => {
    it('leaves the batch to the group, whose next consumer receives it', async () => {
      const topic = uniqueName('t-');
      const group = uniqueName('g-');
      await bus.publish(topic, [{ key: 'k', value: 'stuck' }]);
      let attempts = 0;
      const failing = await bus.subscribe({ topic, groupId: group }, async () => {
        attempts += 1;
        throw new Error('not today');
      });
      await eventually(() => attempts >= 3, timeoutMs, 'retries with backoff');
      await failing.stop();

      const got: ConsumedMessage[] = [];
      const healthy = await bus.subscribe({ topic, groupId: group }, async (batch) => {
        got.push(...batch);
      });
      try {
        await eventually(() => got.length >= 1, timeoutMs, 'redelivery to the next consumer');
        expect(got.map((m) => m.value)).toEqual(['stuck']);
      } finally {
        await healthy.stop();
      }
    }, timeoutMs);
  });
});

if (brokers.length > 0 && !launcherPort) {
  console.warn('KafkaBus broker-restart test skipped: the broker in KAFKA_BROKERS is not run by deploy/kafka/kafka.sh here and KAFKA_LAUNCHER_PORT is not set');
}
const withLauncher = brokers.length > 0 && launcherPort ? describe : describe.skip;

withLauncher('KafkaBus: when the broker restarts while publishing continues', () => {
  const timeoutMs = 240_000;
  let bus: KafkaBus;
  beforeAll(() => {
    bus = new KafkaBus({ brokers, clientId: uniqueName('restart-') });
  });
  afterAll(async () => {
    await bus?.close();
  }, 60_000);

  it('consumes every acknowledged message at least once', async () => {
    const topic = uniqueName('t-');
    const consumed = new Set<string>();
    const sub = await bus.subscribe({ topic, groupId: uniqueName('g-') }, async (batch: ConsumedMessage[]) => {
      for (const m of batch) consumed.add(m.value);
    });

    const acknowledged: string[] = [];
    const failures: unknown[] = [];
    let publishing = true;
    let acknowledgedAfterRestart = 0;
    let restarted = false;
    const publisher = (async () => {
      for (let i = 0; publishing; i++) {
        const batch: BusMessage[] = Array.from({ length: 5 }, (_, k) => ({ key: `key-${k}`, value: `m-${i}-${k}` }));
        try {
          await bus.publish(topic, batch);
          acknowledged.push(...batch.map((m) => m.value));
          if (restarted) acknowledgedAfterRestart += batch.length;
        } catch (err) {
          // Unacknowledged, so not owed to the consumer; counted to assert below.
          failures.push(err);
        }
        await sleep(20);
      }
    })();

    try {
      await eventually(() => consumed.size >= 50, 60_000, 'consumption before the restart');
      await promisify(execFile)('bash', [launcher, 'restart'], {
        env: { ...process.env, KAFKA_PORT: launcherPort },
        timeout: 180_000,
      });
      restarted = true;
      await eventually(() => acknowledgedAfterRestart >= 50, 90_000, 'publishing after the restart');
    } finally {
      publishing = false;
      await publisher;
    }

    try {
      await eventually(() => acknowledged.every((v) => consumed.has(v)), 90_000, 'every acknowledged message consumed');
      expect(failures).toEqual([]);
    } finally {
      await sub.stop();
    }
  }, timeoutMs);
});
