import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '@app/auth';
import { LedgerStatus } from '../health/ledger-status';
import { LedgerMetrics } from './metrics';

/** Prometheus scrape endpoint; carries no personal data and no identifiers, so it is public like /health. */
@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: LedgerMetrics,
    private readonly status: LedgerStatus,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Prometheus metrics: ingest outcomes, HTTP requests, projection positions (no API key)', security: [] })
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description: 'Prometheus text exposition format 0.0.4',
    content: { 'text/plain': { schema: { type: 'string', example: 'ledger_ingest_outcomes_total{channel="http",outcome="accepted"} 1' } } },
  })
  @Header('Content-Type', 'text/plain; version=0.0.4')
  async scrape(): Promise<string> {
    // Projection and storage gauges are read at scrape time; a failing head query leaves the last values.
    const head = await this.status.head().catch(() => undefined);
    if (head !== undefined) this.metrics.projections.record(head, this.status.projections(head) ?? [], this.status.storage());
    return this.metrics.registry.metrics();
  }
}
