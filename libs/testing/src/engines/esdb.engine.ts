import { dockerAvailable } from './docker';

type Found = { url: string; source: 'env' | 'testcontainers'; stop(): Promise<void> };

const IMAGE = 'eventstore/eventstore:24.10';

/**
 * EventStoreDB for the suites (README, Tests and benchmarks): ESDB_URL, else a single in-memory,
 * insecure node in a testcontainer where a Docker engine answers; otherwise the reason to skip.
 */
export async function startEventStoreDb(): Promise<Found | { skipped: string }> {
  if (process.env.ESDB_URL) return { url: process.env.ESDB_URL, source: 'env', stop: async () => undefined };
  if (!(await dockerAvailable())) return { skipped: 'no ESDB_URL and no Docker engine: EventStoreDB contract suite not run' };
  try {
    const { GenericContainer, Wait } = await import('testcontainers');
    const container = await new GenericContainer(IMAGE)
      .withEnvironment({
        EVENTSTORE_INSECURE: 'true',
        EVENTSTORE_RUN_PROJECTIONS: 'None',
        EVENTSTORE_MEM_DB: 'true',
        EVENTSTORE_CLUSTER_SIZE: '1',
      })
      .withExposedPorts(2113)
      // /health/live answers 204 once the node accepts clients.
      .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCodeMatching((status) => status >= 200 && status < 300).withStartupTimeout(120_000))
      .start();
    return {
      url: `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`,
      source: 'testcontainers',
      stop: async () => void (await container.stop()),
    };
  } catch (error) {
    return { skipped: `a Docker engine answered but ${IMAGE} did not start: ${error instanceof Error ? error.message : String(error)}` };
  }
}
