import { ComplaintStatus } from './complaint.enums';
import {
  ACCEPT_DAYS,
  HANDLE_DAYS,
  MAX_EXTENSION_DAYS,
  ROUTE_DAYS,
  calendarDeadline,
  extendDeadline,
  overdueDeadlines,
} from './deadlines';

const tz = 'Asia/Shanghai';
const at = (iso: string) => new Date(iso);

describe('complaint statutory deadlines', () => {
  it('uses the periods of the 信访工作条例 as defaults', () => {
    expect([ROUTE_DAYS, ACCEPT_DAYS, HANDLE_DAYS, MAX_EXTENSION_DAYS]).toEqual([15, 15, 60, 30]);
  });

  it('does not count the day of receipt, whatever the hour', () => {
    // 1 March 00:00 and 23:59 local are both received on 1 March: due by the end of 16 March.
    for (const received of ['2026-02-28T16:00:00Z', '2026-03-01T15:59:00Z']) {
      const d = calendarDeadline(at(received), ROUTE_DAYS, tz);
      expect(d).toEqual({ dueDate: '2026-03-16', dueAt: at('2026-03-16T16:00:00Z') });
    }
  });

  it('counts calendar days across month ends, leap days and the year end', () => {
    expect(calendarDeadline(at('2028-02-20T04:00:00Z'), 15, tz).dueDate).toBe('2028-03-06'); // 2028 is a leap year
    expect(calendarDeadline(at('2026-02-20T04:00:00Z'), 15, tz).dueDate).toBe('2026-03-07');
    expect(calendarDeadline(at('2026-12-20T04:00:00Z'), 15, tz)).toEqual({
      dueDate: '2027-01-04',
      dueAt: at('2027-01-04T16:00:00Z'),
    });
    expect(calendarDeadline(at('2026-11-01T04:00:00Z'), HANDLE_DAYS, tz).dueDate).toBe('2026-12-31');
  });

  it('extends a deadline by whole days and keeps the end of the last day', () => {
    const handle = calendarDeadline(at('2026-11-01T04:00:00Z'), HANDLE_DAYS, tz).dueAt; // end of 31 December
    expect(extendDeadline(handle, MAX_EXTENSION_DAYS, tz)).toEqual(at('2027-01-30T16:00:00Z')); // end of 30 January
    expect(extendDeadline(handle, 1, tz)).toEqual(at('2027-01-01T16:00:00Z'));
    expect(extendDeadline(handle, 0, tz)).toEqual(handle);
  });
});

describe('overdue complaint deadlines', () => {
  const due = {
    routeDueAt: at('2026-03-16T16:00:00Z'),
    acceptDueAt: at('2026-03-16T16:00:00Z'),
    handleDueAt: at('2026-04-30T16:00:00Z'),
    reviewDueAt: at('2026-05-31T16:00:00Z'),
  };
  const before = at('2026-03-16T15:59:59Z');
  const late = at('2026-06-01T00:00:00Z');

  it('is overdue from the due instant on, not before', () => {
    expect(overdueDeadlines({ ...due, status: ComplaintStatus.RECEIVED }, before)).toEqual([]);
    expect(overdueDeadlines({ ...due, status: ComplaintStatus.RECEIVED }, due.routeDueAt)).toEqual(['ROUTE', 'ACCEPT']);
  });

  it('counts only the deadlines the status still owes', () => {
    const owed = (status: ComplaintStatus) => overdueDeadlines({ ...due, status }, late);
    expect(owed(ComplaintStatus.RECEIVED)).toEqual(['ROUTE', 'ACCEPT']);
    expect(owed(ComplaintStatus.ACCEPTED)).toEqual(['ROUTE', 'HANDLE']);
    expect(owed(ComplaintStatus.ASSIGNED)).toEqual(['HANDLE']);
    expect(owed(ComplaintStatus.INVESTIGATING)).toEqual(['HANDLE']);
    expect(owed(ComplaintStatus.UNDER_REVIEW)).toEqual(['REVIEW']);
    for (const settled of [ComplaintStatus.NOT_ACCEPTED, ComplaintStatus.REPLIED, ComplaintStatus.CLOSED])
      expect(owed(settled)).toEqual([]);
  });

  it('owes no handling or review deadline that was never set', () => {
    expect(overdueDeadlines({ ...due, handleDueAt: null, status: ComplaintStatus.ASSIGNED }, late)).toEqual([]);
    expect(overdueDeadlines({ ...due, reviewDueAt: null, status: ComplaintStatus.UNDER_REVIEW }, late)).toEqual([]);
  });
});
