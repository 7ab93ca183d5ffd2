import { daysInclusive, maxTeacherHours, monthBounds, monthsEndingWith } from './teacher-burden.rules';

describe('teacher burden rules', () => {
  it('bounds teacher-hours by 12 hours per teacher and day, both ends counted', () => {
    expect(daysInclusive('2026-11-18', '2026-11-18')).toBe(1);
    expect(daysInclusive('2026-02-27', '2026-03-02')).toBe(4);
    expect(maxTeacherHours(6, '2026-11-18', '2026-11-19')).toBe(144);
  });

  it('gives a month its first day and the next month’s, across a year end', () => {
    expect(monthBounds('2026-11')).toEqual({ from: '2026-11-01', to: '2026-12-01' });
    expect(monthBounds('2026-12')).toEqual({ from: '2026-12-01', to: '2027-01-01' });
  });

  it('lists the months ending with a month, oldest first', () => {
    expect(monthsEndingWith('2026-02', 4)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsEndingWith('2026-11', 12)[0]).toBe('2025-12');
    expect(monthsEndingWith('2026-11', 1)).toEqual(['2026-11']);
  });
});
