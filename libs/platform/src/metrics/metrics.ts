import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { ProjectionMetrics } from './projection-metrics';

/** One registry per process, with Node's default metrics and the ledger's own. */
export class LedgerMetrics {
  readonly registry = new Registry();

  readonly ingestOutcomes = new Counter({
    name: 'ledger_ingest_outcomes_total',
    help: 'Provider lifecycle events judged, by channel and outcome',
    labelNames: ['channel', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'ledger_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly projectionPosition = new Gauge({
    name: 'ledger_projection_position',
    help: 'Global log position a projection group has applied',
    labelNames: ['group'] as const,
    registers: [this.registry],
  });

  readonly projections = new ProjectionMetrics([this.registry], this.projectionPosition);

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
  }
}
