import { RunnerStatus } from '@app/read-store';
import { projectionsComponent } from './ledger-status';

const group = (over: Partial<RunnerStatus> & { parked?: number } = {}): RunnerStatus => {
  const { parked = 0, ...rest } = over;
  return { group: 'g', state: 'live', position: 10, head: 10, lag: 0, behind: false, failures: 0, projections: [{ name: 'p', checkpoint: 10, parked }], ...rest };
};

describe('projectionsComponent', () => {
  it('is up when every group is live and nothing is parked', () => {
    expect(projectionsComponent([group(), group({ group: 'h' })])).toMatchObject({ status: 'up', lag: 0, parked: 0 });
  });

  it('is degraded while a group replays a backlog, and says how far behind', () => {
    const behind = group({ state: 'catching-up', position: 10, head: 5010, lag: 5000, behind: true });
    expect(projectionsComponent([group({ group: 'h' }), behind])).toMatchObject({ status: 'degraded', lag: 5000, behind: ['g'] });
  });

  it('stays up during ordinary live lag', () => {
    expect(projectionsComponent([group({ state: 'catching-up', lag: 3 })]).status).toBe('up');
  });

  it('is degraded when a projection parked an event', () => {
    expect(projectionsComponent([group({ parked: 2 })])).toMatchObject({ status: 'degraded', parked: 2 });
  });

  it('is down when a group is stuck, naming it', () => {
    expect(projectionsComponent([group(), group({ group: 'expiry', state: 'stuck', lag: 5 })])).toMatchObject({ status: 'down', stuck: ['expiry'] });
  });
});
