import { Inject, Injectable, Optional } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { EVENT_STORE, EventStore, StorageHealth } from '@app/event-store';
import { MESSAGE_BUS, MessageBus } from '@app/messaging';
import { ProjectionRegistry, READ_STORE, ReadStore, RunnerStatus } from '@app/read-store';
import { KEY_VAULT } from '@app/personal-data';

export type ComponentState = 'up' | 'degraded' | 'down';

export interface Component {
  status: ComponentState;
  [detail: string]: unknown;
}

/**
 * What the process knows about its engines and projections, read once per `/health` or
 * `/metrics` request. Holds no personal data: positions, counts, codes, error messages.
 * Every app has an event store (API keys live in it); the read store and the bus only where
 * the app wires them, so a part the app does not use is simply not reported.
 */
@Injectable()
export class LedgerStatus {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly moduleRef: ModuleRef,
    @Optional() @Inject(READ_STORE) private readonly reads?: ReadStore,
    @Optional() @Inject(MESSAGE_BUS) private readonly messageBus?: MessageBus,
    @Optional() private readonly registry?: ProjectionRegistry,
  ) {}

  async head(): Promise<number> {
    return this.events.headPosition();
  }

  /** A cheap query, so a PostgreSQL read store that lost its server shows as down; undefined without a read store. */
  async readStore(): Promise<Component | undefined> {
    if (!this.reads) return undefined;
    try {
      await this.reads.getCheckpoint('health');
      return { status: 'up' };
    } catch (error) {
      return { status: 'down', message: (error as Error).message };
    }
  }

  /** The projection groups this process runs; undefined without a read store. */
  projections(head: number): RunnerStatus[] | undefined {
    return this.registry?.statuses(head);
  }

  /** The embedded stores that report their writes; the key vault only where this app hosts it. */
  storage(): Record<string, StorageHealth> {
    const out: Record<string, StorageHealth> = {};
    const vault = this.vault();
    for (const [name, store] of [['eventStore', this.events], ['readStore', this.reads], ['keyVault', vault]] as const) {
      const health = store?.storageHealth?.();
      if (health) out[name] = health;
    }
    return out;
  }

  /** undefined when this app has no bus. */
  bus(): Component | undefined {
    if (!this.messageBus) return undefined;
    const { status, details } = this.messageBus.health();
    return { ...details, status };
  }

  private vault(): { storageHealth?(): StorageHealth } | undefined {
    try {
      return this.moduleRef.get(KEY_VAULT, { strict: false });
    } catch {
      return undefined; // this app holds no vault (records, quality assurance)
    }
  }
}

/** One component per projection group, plus a summary: stuck is down; replaying a backlog or parked is degraded. */
export function projectionsComponent(groups: RunnerStatus[]): Component {
  const stuck = groups.filter((g) => g.state === 'stuck').map((g) => g.group);
  const behind = groups.filter((g) => g.behind || g.state === 'starting').map((g) => g.group);
  const parked = groups.reduce((n, g) => n + g.projections.reduce((m, p) => m + p.parked, 0), 0);
  const status: ComponentState = stuck.length > 0 ? 'down' : behind.length > 0 || parked > 0 ? 'degraded' : 'up';
  return {
    status,
    lag: Math.max(0, ...groups.map((g) => g.lag)),
    parked,
    ...(stuck.length > 0 && { stuck }),
    ...(behind.length > 0 && { behind }),
    groups,
  };
}
