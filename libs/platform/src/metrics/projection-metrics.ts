import { Gauge, Registry } from 'prom-client';
import { StorageHealth } from '@app/event-store';
import { RunnerStatus } from '@app/read-store';

/** Gauges for projection groups and storage, set from a fresh status on every scrape. */
export class ProjectionMetrics {
  private readonly head: Gauge;
  private readonly position: Gauge<'group'>;
  private readonly lag: Gauge<'group'>;
  private readonly stuck: Gauge<'group'>;
  private readonly failures: Gauge<'group'>;
  private readonly lastError: Gauge<'group'>;
  private readonly checkpoint: Gauge<'group' | 'projection'>;
  private readonly parked: Gauge<'group' | 'projection'>;
  private readonly writable: Gauge<'store'>;

  constructor(registers: Registry[], position: Gauge<'group'>) {
    const gauge = <L extends string>(name: string, help: string, labelNames: L[]) => new Gauge<L>({ name, help, labelNames, registers });
    this.position = position;
    this.head = gauge('ledger_event_log_head_position', 'Position of the last event in the global log', []);
    this.lag = gauge('ledger_projection_lag', 'Events a projection group still has to apply', ['group']);
    this.stuck = gauge('ledger_projection_stuck', '1 when a projection group fails repeatedly or does not move while behind', ['group']);
    this.failures = gauge('ledger_projection_failures', 'Consecutive failed attempts at the current batch', ['group']);
    this.lastError = gauge('ledger_projection_last_error_timestamp_seconds', 'When a projection group last failed a batch (0: never)', ['group']);
    this.checkpoint = gauge('ledger_projection_checkpoint', 'Global log position a projection has applied', ['group', 'projection']);
    this.parked = gauge('ledger_projection_parked_events', 'Events a projection could not apply and set aside', ['group', 'projection']);
    this.writable = gauge('ledger_storage_writable', '0 while writes to an embedded store fail (disk full, read-only)', ['store']);
  }

  record(head: number, groups: RunnerStatus[], storage: Record<string, StorageHealth>): void {
    this.head.set(head);
    for (const g of groups) {
      const group = { group: g.group };
      this.position.set(group, g.position);
      this.lag.set(group, g.lag);
      this.stuck.set(group, g.state === 'stuck' ? 1 : 0);
      this.failures.set(group, g.failures);
      this.lastError.set(group, g.lastError ? Date.parse(g.lastError.at) / 1000 : 0);
      for (const p of g.projections) {
        this.checkpoint.set({ ...group, projection: p.name }, p.checkpoint);
        this.parked.set({ ...group, projection: p.name }, p.parked);
      }
    }
    for (const [store, health] of Object.entries(storage)) this.writable.set({ store }, health.writable ? 1 : 0);
  }
}
