import { ValidationFailed } from '../../platform/errors/domain-error';
import { checkDate, monthsBetween, nextMonthStart, rate, semesterOf } from './dashboard-period';

describe('dashboard periods', () => {
  it('lists the months of a range, both ends included', () => {
    expect(monthsBetween('2026-11-15', '2027-02-01')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsBetween('2026-11-30', '2026-11-30')).toEqual(['2026-11']);
    expect(nextMonthStart('2026-12-31')).toBe('2027-01-01');
  });

  it('finds the semester of a date', () => {
    expect(semesterOf('2026-09-01')).toBe('2026-1');
    expect(semesterOf('2027-01-10')).toBe('2026-1');
    expect(semesterOf('2027-03-01')).toBe('2026-2');
    expect(semesterOf('2027-07-31')).toBe('2026-2');
  });

  it('refuses impossible dates and leaves a zero denominator without a rate', () => {
    expect(() => checkDate('asOf', '2026-02-30')).toThrow(ValidationFailed);
    expect(() => checkDate('asOf', '2026-13-01')).toThrow(ValidationFailed);
    expect(() => checkDate('asOf', '2026-02-28')).not.toThrow();
    expect(rate(1, 0)).toBeNull();
    expect(rate(2, 3)).toBe(0.6667);
  });
});
