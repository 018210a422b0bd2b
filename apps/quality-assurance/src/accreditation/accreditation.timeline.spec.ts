import { EventTypes } from '@app/contracts';
import { intervalsOf, statusOn } from './accreditation.timeline';

const window = { validFrom: '2026-03-01T00:00:00Z', validUntil: '2026-07-01T00:00:00Z' };

describe('accreditation timeline', () => {
  describe('when never changed', () => {
    const intervals = intervalsOf(window, []);
    it('is active over the whole window and only there', () => {
      expect(intervals).toEqual([{ from: window.validFrom, until: window.validUntil, status: 'active' }]);
      expect(statusOn(window, intervals, '2026-02-28T23:59:59Z')).toBe('not-yet-valid');
      expect(statusOn(window, intervals, window.validFrom)).toBe('active');
      expect(statusOn(window, intervals, '2026-06-30T23:59:59Z')).toBe('active');
      expect(statusOn(window, intervals, window.validUntil)).toBe('expired');
    });
  });

  describe('when suspended, reinstated and withdrawn', () => {
    const intervals = intervalsOf(window, [
      { type: EventTypes.AccreditationSuspended, effectiveFrom: '2026-04-01T00:00:00Z' },
      { type: EventTypes.AccreditationReinstated, effectiveFrom: '2026-05-01T00:00:00Z' },
      { type: EventTypes.AccreditationWithdrawn, effectiveFrom: '2026-06-01T00:00:00Z' },
    ]);
    it('keeps every interval, so any past date is answered', () => {
      expect(intervals.map((i) => i.status)).toEqual(['active', 'suspended', 'active', 'withdrawn']);
      expect(statusOn(window, intervals, '2026-03-31T12:00:00Z')).toBe('active');
      expect(statusOn(window, intervals, '2026-04-01T00:00:00Z')).toBe('suspended');
      expect(statusOn(window, intervals, '2026-05-01T00:00:00Z')).toBe('active');
      expect(statusOn(window, intervals, '2026-06-15T00:00:00Z')).toBe('withdrawn');
      expect(statusOn(window, intervals, '2026-08-01T00:00:00Z')).toBe('expired');
    });
  });

  it('drops an empty first interval when suspended from the first instant', () => {
    expect(intervalsOf(window, [{ type: EventTypes.AccreditationSuspended, effectiveFrom: window.validFrom }])).toEqual([
      { from: window.validFrom, until: window.validUntil, status: 'suspended' },
    ]);
  });
});
