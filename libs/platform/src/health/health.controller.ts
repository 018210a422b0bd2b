import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Public } from '@app/auth';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { READ_STORE, ReadStore } from '@app/read-store';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly reads: ReadStore,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Liveness of the engines this process uses (no API key)', security: [] })
  @HealthCheck()
  check() {
    return this.health.check([
      () => this.probe('eventStore', async () => ({ headPosition: await this.events.headPosition() })),
      () => this.probe('readStore', async () => ({ reachable: (await this.reads.getCheckpoint('health')) >= 0 })),
    ]);
  }

  private async probe(key: string, run: () => Promise<Record<string, unknown>>) {
    const check = this.indicator.check(key);
    try {
      return check.up(await run());
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }
}
