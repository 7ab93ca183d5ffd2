import { addDays, businessDate, businessToday, localToInstant, toLocal } from './business-time';
import { FixedClock } from './clock';

describe('business time (Asia/Shanghai)', () => {
  const tz = 'Asia/Shanghai';

  it('puts instants on the local business date', () => {
    expect(businessDate(new Date('2026-11-28T15:59:59Z'), tz)).toBe('2026-11-28');
    expect(businessDate(new Date('2026-11-28T16:00:00Z'), tz)).toBe('2026-11-29');
    expect(toLocal(new Date('2026-11-29T12:30:00Z'), tz)).toEqual({ date: '2026-11-29', time: '20:30', weekday: 7 });
  });

  it('converts local wall-clock times to instants', () => {
    expect(localToInstant('2026-11-29', '20:30', tz).toISOString()).toBe('2026-11-29T12:30:00.000Z');
    expect(localToInstant('2026-01-01', '00:00', tz).toISOString()).toBe('2025-12-31T16:00:00.000Z');
  });

  it('adds calendar days across months and years', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });
});

describe('businessToday', () => {
  it("is the clock's business date in the county, which runs 8 hours ahead of UTC", () => {
    const clock = new FixedClock('2026-03-31T15:59:59Z');
    expect(businessToday(clock, 'Asia/Shanghai')).toBe('2026-03-31');
    clock.advance(1000);
    expect(businessToday(clock, 'Asia/Shanghai')).toBe('2026-04-01');
    expect(businessToday(clock, 'UTC')).toBe('2026-03-31');
  });
});
