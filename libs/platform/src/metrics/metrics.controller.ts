import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '@app/auth';
import { LedgerMetrics } from './metrics';

/** Prometheus scrape endpoint; carries no personal data and no identifiers, so it is public like /health. */
@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: LedgerMetrics) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Prometheus metrics: ingest outcomes, HTTP requests, projection positions (no API key)', security: [] })
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description: 'Prometheus text exposition format 0.0.4',
    content: { 'text/plain': { schema: { type: 'string', example: 'ledger_ingest_outcomes_total{channel="http",outcome="accepted"} 1' } } },
  })
  @Header('Content-Type', 'text/plain; version=0.0.4')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
