import { Consumer } from 'kafkajs';
import { LedgerError } from '@app/contracts';
import { SubscribeToTopic } from '../../bus.port';
import { BUS_UNAVAILABLE } from './kafka-errors';

/**
 * Settles once the consumer runs (see below), a crash kafkajs will not recover from, or
 * `timeoutMs` passes. The caller awaits `joined` only after connect and run, so until
 * then a rejection must not count as unhandled; it still sees it when it awaits.
 */
export function watchJoin(consumer: Consumer, options: SubscribeToTopic, timeoutMs: number): { joined: Promise<void>; cancel(): void } {
  let cancel = () => {};
  const joined = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      cancel();
      reject(new LedgerError(BUS_UNAVAILABLE, `group ${options.groupId} did not join within ${timeoutMs} ms`, true));
    }, timeoutMs);
    // A group with no committed offset that starts "only new ones" fixes its position
    // at the first fetch after joining; until then a message published now could be
    // missed, so such a subscription counts as running only after that fetch.
    const ready = options.fromBeginning === false ? consumer.events.FETCH : consumer.events.GROUP_JOIN;
    let hasJoined = false;
    const offJoin = consumer.on(consumer.events.GROUP_JOIN, () => {
      hasJoined = true;
    });
    const offReady = consumer.on(ready, () => {
      if (!hasJoined) return;
      cancel();
      resolve();
    });
    const offCrash = consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart) return;
      cancel();
      reject(payload.error);
    });
    cancel = () => {
      clearTimeout(timer);
      offJoin();
      offReady();
      offCrash();
    };
  });
  joined.catch(() => undefined);
  return { joined, cancel };
}
