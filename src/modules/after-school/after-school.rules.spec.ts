import {
  breachWindow,
  homeworkLimitFor,
  planSlotProblems as rules,
  schoolDaysBetween,
  schoolYearOf,
} from './after-school.rules';

/** The English of each broken rule. */
const planSlotProblems = (...args: Parameters<typeof rules>) => rules(...args).map((p) => p.en);

const week = (start: string, end: string) => [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start, end }));
const limits = { grades1to2: 0, grades3to6: 60, junior: 90 };

describe('after-school rules', () => {
  it('accepts five days of two hours ending at the off-work time', () => {
    expect(planSlotProblems(week('15:30', '17:30'), '17:30')).toEqual([]);
    expect(planSlotProblems([...week('15:00', '16:00'), ...week('16:30', '17:40')], '17:30')).toEqual([]);
  });

  it('names each broken rule: a missing day, too short, ending too early, overlapping, malformed', () => {
    expect(planSlotProblems(week('15:30', '17:30').slice(0, 4), '17:30')).toEqual([
      'weekday 5: no service (5 days a week are required)',
    ]);
    expect(planSlotProblems(week('16:00', '17:30'), '17:30')[0]).toBe(
      'weekday 1: 90 minutes of service, at least 120 are required',
    );
    expect(planSlotProblems(week('15:00', '17:00'), '17:30')[0]).toBe(
      'weekday 1: service ends at 17:00, before the local off-work time 17:30',
    );
    expect(planSlotProblems([...week('15:00', '17:00'), ...week('16:00', '18:00')], '17:30')).toContain(
      'weekday 3: slots overlap',
    );
    expect(planSlotProblems([{ weekday: 8, start: '15:00', end: '17:30' }], '17:30')).toEqual([
      'weekday 8 is not 1 (Monday) to 7 (Sunday)',
    ]);
    expect(planSlotProblems([{ weekday: 1, start: '18:00', end: '17:30' }], '17:30')).toEqual([
      'weekday 1: 18:00–17:30 ends before it starts',
    ]);
  });

  it('applies the homework limits by grade band', () => {
    expect([1, 2, 3, 6, 7, 9].map((g) => homeworkLimitFor(g, limits))).toEqual([0, 0, 60, 60, 90, 90]);
  });

  it('counts school days: weekdays and adjusted workdays, without holidays and vacations', () => {
    expect(schoolDaysBetween('2026-11-20', '2026-11-23', [])).toEqual(['2026-11-20', '2026-11-23']);
    const periods = [
      { kind: 'PUBLIC_HOLIDAY', startDate: '2026-10-01', endDate: '2026-10-08' },
      { kind: 'ADJUSTED_WORKDAY', startDate: '2026-10-10', endDate: '2026-10-10' },
      { kind: 'ADJUSTED_WORKDAY', startDate: '2026-07-18', endDate: '2026-07-18' },
      { kind: 'SUMMER_VACATION', startDate: '2026-07-11', endDate: '2026-08-31' },
    ];
    expect(schoolDaysBetween('2026-09-30', '2026-10-12', periods)).toEqual([
      '2026-09-30',
      '2026-10-09',
      '2026-10-10',
      '2026-10-12',
    ]);
    expect(schoolDaysBetween('2026-07-13', '2026-07-20', periods)).toEqual([]);
  });

  it('finds the school year of a date', () => {
    expect(schoolYearOf('2026-09-01')).toBe(2026);
    expect(schoolYearOf('2027-03-01')).toBe(2026);
  });
});

describe('breachWindow', () => {
  it('is the rolling period ending today when no alert counted anything in it', () => {
    expect(breachWindow('2026-11-25', 30, null)).toEqual({ from: '2026-10-27', to: '2026-11-25' });
    expect(breachWindow('2026-11-25', 30, '2026-10-01')).toEqual({ from: '2026-10-27', to: '2026-11-25' });
  });

  it('starts after the last day an earlier alert counted', () => {
    expect(breachWindow('2026-11-27', 30, '2026-11-25')).toEqual({ from: '2026-11-26', to: '2026-11-27' });
  });

  it('is empty on the day an alert was raised', () => {
    expect(breachWindow('2026-11-25', 30, '2026-11-25')).toBeNull();
  });
});
