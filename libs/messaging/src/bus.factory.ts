import { MessageBus } from './bus.port';

/**
 * Opens the bus named by configuration: `memory`, or `kafka://host:9092[,host2:9092]`
 * (docs/architecture.md, Engines). Adapters load lazily.
 */
export async function openMessageBus(url: string, clientId = 'credential-ledger'): Promise<MessageBus> {
  if (url === 'memory') {
    const { MemoryBus } = await import('./adapters/memory');
    return new MemoryBus();
  }
  if (url.startsWith('kafka://')) {
    const { KafkaBus } = await import('./adapters/kafka');
    const brokers = url.slice('kafka://'.length).split(',').map((b) => b.trim()).filter(Boolean);
    return new KafkaBus({ brokers, clientId });
  }
  throw new Error(`BUS: unsupported value "${url}" (use memory or kafka://host:port)`);
}
