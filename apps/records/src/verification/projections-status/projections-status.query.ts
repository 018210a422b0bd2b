import { Query } from '@nestjs/cqrs';
import { ParkedEvent, RunnerStatus } from '@app/read-store';

export interface ProjectionsStatus {
  head: number;
  position: number;
  lag: number;
  parked: number;
  groups: RunnerStatus[];
}

/** How far each projection group has caught up with the log, and what it parked. */
export class ProjectionsStatusQuery extends Query<ProjectionsStatus> {}

/** Events a projection could not apply (no event data), optionally of one projection, paged by position. */
export class ParkedEventsQuery extends Query<{ parked: ParkedEvent[] }> {
  constructor(readonly filter: { projection?: string; afterPosition?: number; limit?: number }) {
    super();
  }
}
