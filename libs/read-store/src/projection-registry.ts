import { Injectable } from '@nestjs/common';
import { RunnerStatus, StatusSource } from './projection-status';

/**
 * Every projection group running in this process, so that `/health`, `/metrics` and
 * `/v1/projections` see them all without knowing which contexts the app hosts.
 */
@Injectable()
export class ProjectionRegistry {
  private readonly runners = new Map<string, StatusSource>();

  /** A projection group, or anything else that follows the log and reports like one (the verifiable log's tree). */
  register(runner: StatusSource): void {
    if (this.runners.has(runner.group)) throw new Error(`projection group ${runner.group} is registered twice`);
    this.runners.set(runner.group, runner);
  }

  get groups(): StatusSource[] {
    return [...this.runners.values()];
  }

  /** Each group against the log head `head`, by group name. */
  statuses(head: number): RunnerStatus[] {
    return this.groups.map((runner) => runner.status(head)).sort((a, b) => a.group.localeCompare(b.group));
  }
}
