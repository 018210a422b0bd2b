import { EventTypes } from '@app/contracts';
import { intervalsOf } from '../accreditation/accreditation.timeline';
import { standingOf } from './standing';
import { AccreditationView } from './standing.view';

const base = {
  accreditationId: '0b9d7c1e-2f3a-4b5c-8d6e-7f8091a2b3c4', providerId: 'uni-a', qaBodyId: 'nzqa',
  scope: { framework: 'NZQCF', minLevel: 5, maxLevel: 7, fields: ['061'] },
  validFrom: '2026-03-01T00:00:00Z', validUntil: '2026-07-01T00:00:00Z',
  decision: { eventId: 'e', position: 1, recordedAt: '2026-02-20T00:00:00Z', actor: { role: 'qa-body' as const, qaBodyId: 'nzqa' } },
};
const changes = [{ type: EventTypes.AccreditationSuspended, effectiveFrom: '2026-04-01T00:00:00Z', eventId: 'e2', position: 2, recordedAt: '2026-04-02T00:00:00Z' }];
const view: AccreditationView = { ...base, changes, intervals: intervalsOf(base, changes) };

describe('standing of one accreditation', () => {
  it('accredits inside the window, scope and field', () => {
    expect(standingOf(view, { date: '2026-03-15T00:00:00Z', framework: 'NZQCF', level: 6, field: '0613' })).toMatchObject({ status: 'active', inScope: true, reasons: [] });
  });
  it('does not accredit while suspended, saying why', () => {
    expect(standingOf(view, { date: '2026-04-15T00:00:00Z', framework: 'NZQCF', level: 6 })).toMatchObject({ status: 'suspended', inScope: true, reasons: [expect.stringContaining('suspended')] });
  });
  it('does not accredit a level outside the scope or a field outside it', () => {
    expect(standingOf(view, { date: '2026-03-15T00:00:00Z', framework: 'NZQCF', level: 8 })).toMatchObject({ inScope: false });
    expect(standingOf(view, { date: '2026-03-15T00:00:00Z', field: '0714' })).toMatchObject({ inScope: false });
  });
  it('compares another framework through the EQF, and refuses a level that is not comparable', () => {
    expect(standingOf(view, { date: '2026-03-15T00:00:00Z', framework: 'EQF', level: 6 })).toMatchObject({ inScope: true });
    expect(standingOf(view, { date: '2026-03-15T00:00:00Z', framework: 'EQF', level: 7 })).toMatchObject({ inScope: false });
  });
  it('is not-yet-valid before and expired after the window', () => {
    expect(standingOf(view, { date: '2026-02-01T00:00:00Z' }).status).toBe('not-yet-valid');
    expect(standingOf(view, { date: '2026-07-01T00:00:00Z' }).status).toBe('expired');
  });
});
