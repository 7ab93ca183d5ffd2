import { CalendarPeriodKind } from '../reference';
import type { ReferenceFacade } from '../reference';
import { countWorkingDays, isWorkingDay, nthWorkingDayAfter, WorkingDays, WorkingDayPeriod } from './working-days';

// 2026: 国庆节 Thu 1 – Wed 7 October is a public holiday; Saturday 10 October an adjusted workday (调休上班).
const NATIONAL_DAY: WorkingDayPeriod = {
  kind: CalendarPeriodKind.PUBLIC_HOLIDAY,
  startDate: '2026-10-01',
  endDate: '2026-10-07',
};
const ADJUSTED: WorkingDayPeriod = {
  kind: CalendarPeriodKind.ADJUSTED_WORKDAY,
  startDate: '2026-10-10',
  endDate: '2026-10-10',
};
const SUMMER: WorkingDayPeriod = {
  kind: CalendarPeriodKind.SUMMER_VACATION,
  startDate: '2026-07-11',
  endDate: '2026-08-31',
};
const CALENDAR = [NATIONAL_DAY, ADJUSTED, SUMMER];

describe('working days', () => {
  it('counts Monday to Friday, not weekends', () => {
    expect(isWorkingDay('2026-09-14', [])).toBe(true); // Monday
    expect(isWorkingDay('2026-09-18', [])).toBe(true); // Friday
    expect(isWorkingDay('2026-09-19', [])).toBe(false); // Saturday
    expect(isWorkingDay('2026-09-20', [])).toBe(false); // Sunday
  });

  it('takes public holidays off and adjusted workdays on; vacations are working days', () => {
    expect(isWorkingDay('2026-10-01', CALENDAR)).toBe(false); // Thursday in the holiday
    expect(isWorkingDay('2026-10-05', CALENDAR)).toBe(false); // Monday in the holiday
    expect(isWorkingDay('2026-10-10', CALENDAR)).toBe(true); // Saturday, adjusted
    expect(isWorkingDay('2026-10-11', CALENDAR)).toBe(false); // Sunday
    expect(isWorkingDay('2026-07-20', CALENDAR)).toBe(true); // Monday in the summer vacation
  });

  it('adds working days within a plain week and across weekends', () => {
    expect(nthWorkingDayAfter('2026-09-14', 0, [], '2026-12-31')).toBe('2026-09-14');
    expect(nthWorkingDayAfter('2026-09-14', 1, [], '2026-12-31')).toBe('2026-09-15');
    expect(nthWorkingDayAfter('2026-09-18', 1, [], '2026-12-31')).toBe('2026-09-21'); // Friday → Monday
    expect(nthWorkingDayAfter('2026-09-19', 1, [], '2026-12-31')).toBe('2026-09-21'); // from a Saturday
    expect(nthWorkingDayAfter('2026-09-14', 15, [], '2026-12-31')).toBe('2026-10-05'); // three weeks
  });

  it('counts 15 working days across the national holiday and the adjusted Saturday', () => {
    // From Mon 21 Sep: 22–25 Sep (4), 28–30 Sep (3) = 7; 1–7 Oct off; 8, 9 Oct (9), Sat 10 Oct (10);
    // 12–16 Oct (15).
    expect(nthWorkingDayAfter('2026-09-21', 15, CALENDAR, '2026-12-31')).toBe('2026-10-16');
    // Without the adjusted Saturday it would be Monday 19 October.
    expect(nthWorkingDayAfter('2026-09-21', 15, [NATIONAL_DAY], '2026-12-31')).toBe('2026-10-19');
    expect(nthWorkingDayAfter('2026-09-21', 15, [], '2026-12-31')).toBe('2026-10-12');
  });

  it('answers null past the covered span and refuses a negative count', () => {
    expect(nthWorkingDayAfter('2026-09-21', 15, CALENDAR, '2026-10-01')).toBeNull();
    expect(() => nthWorkingDayAfter('2026-09-21', -1, CALENDAR, '2026-12-31')).toThrow(RangeError);
  });

  it('counts working days in (from, to]', () => {
    expect(countWorkingDays('2026-09-21', '2026-10-16', CALENDAR)).toBe(15);
    expect(countWorkingDays('2026-09-21', '2026-10-15', CALENDAR)).toBe(14);
    expect(countWorkingDays('2026-09-30', '2026-10-09', CALENDAR)).toBe(2);
    expect(countWorkingDays('2026-10-09', '2026-10-09', CALENDAR)).toBe(0);
    expect(countWorkingDays('2026-10-09', '2026-10-01', CALENDAR)).toBe(0);
  });

  describe('WorkingDays (reads the county calendar)', () => {
    function service(periods: WorkingDayPeriod[]) {
      const calendarPeriodsBetween = jest.fn(async (from: string, to: string) =>
        periods.filter((p) => p.startDate <= to && p.endDate >= from),
      );
      return {
        days: new WorkingDays({ calendarPeriodsBetween } as unknown as ReferenceFacade),
        calendarPeriodsBetween,
      };
    }

    it('adds working days with the calendar read once for an ordinary span', async () => {
      const { days, calendarPeriodsBetween } = service(CALENDAR);
      await expect(days.addWorkingDays('2026-09-21', 15)).resolves.toBe('2026-10-16');
      expect(calendarPeriodsBetween).toHaveBeenCalledTimes(1);
      await expect(days.workingDaysBetween('2026-09-21', '2026-10-16')).resolves.toBe(15);
    });

    it('widens the window when long holidays leave too few working days in the first one', async () => {
      const { days, calendarPeriodsBetween } = service([
        { kind: CalendarPeriodKind.PUBLIC_HOLIDAY, startDate: '2026-01-05', endDate: '2026-03-31' },
      ]);
      await expect(days.addWorkingDays('2026-01-02', 5)).resolves.toBe('2026-04-07');
      expect(calendarPeriodsBetween.mock.calls.length).toBeGreaterThan(1);
    });
  });
});
