import { Controller, Get, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@app/auth';
import { Component, ComponentState, LedgerStatus, projectionsComponent } from './ledger-status';

export interface HealthReport {
  /** `ok`: all up; `degraded`: serving, but behind, parking or reconnecting (HTTP 200); `error`: a part is down (HTTP 503). */
  status: 'ok' | 'degraded' | 'error';
  details: Record<string, Component>;
}

class HealthComponentResponse {
  @ApiProperty({ enum: ['up', 'degraded', 'down'] }) status!: ComponentState;
}

class HealthReportResponse {
  @ApiProperty({ enum: ['ok', 'degraded', 'error'] }) status!: HealthReport['status'];
  @ApiProperty({
    description: 'one entry per part the app uses: eventStore, readStore, projections, bus (and store write faults), each with a status and its figures',
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/HealthComponentResponse' },
  })
  details!: Record<string, Component>;
}

/**
 * Liveness and readiness in one answer. It never waits on a catch-up or a broker: every
 * part is read from state the process already holds, plus one head-position query.
 */
@ApiTags('operations')
@ApiExtraModels(HealthComponentResponse)
@Controller('health')
export class HealthController {
  constructor(private readonly status: LedgerStatus) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Engines, projections and bus: 200 when ok or degraded, 503 when a part is down (no API key)', security: [] })
  @ApiResponse({ status: 200, type: HealthReportResponse, description: 'ok or degraded' })
  @ApiResponse({ status: 503, type: HealthReportResponse, description: 'a store cannot write, a projection is stuck or the bus is down' })
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthReport> {
    const report = await this.report();
    res.status(report.status === 'error' ? 503 : 200);
    return report;
  }

  async report(): Promise<HealthReport> {
    const details: Record<string, Component> = {};
    let head = 0;
    try {
      head = await this.status.head();
      details.eventStore = { status: 'up', headPosition: head };
    } catch (error) {
      details.eventStore = { status: 'down', message: (error as Error).message };
    }
    const readStore = await this.status.readStore();
    if (readStore) details.readStore = readStore;
    for (const [name, health] of Object.entries(this.status.storage())) {
      details[name] = { ...details[name], status: health.writable ? (details[name]?.status ?? 'up') : 'down', writable: health.writable, ...(health.lastFault && { lastFault: health.lastFault }) };
    }
    const projections = this.status.projections(head);
    if (projections) details.projections = projectionsComponent(projections);
    const bus = this.status.bus();
    if (bus) details.bus = bus;
    return { status: overall(Object.values(details).map((c) => c.status)), details };
  }
}

function overall(states: ComponentState[]): HealthReport['status'] {
  if (states.includes('down')) return 'error';
  return states.includes('degraded') ? 'degraded' : 'ok';
}
