import { Kind } from 'graphql';
import { DateScalar, isCalendarDateString } from './date.scalar';

describe('Date scalar', () => {
  it('accepts real calendar dates only', () => {
    expect(isCalendarDateString('2026-09-01')).toBe(true);
    expect(isCalendarDateString('2024-02-29')).toBe(true);
    expect(isCalendarDateString('2026-02-29')).toBe(false);
    expect(isCalendarDateString('2026-9-1')).toBe(false);
    expect(isCalendarDateString('2026-09-01T00:00:00Z')).toBe(false);
  });

  it('parses variables and literals strictly', () => {
    expect(DateScalar.parseValue('2026-12-03')).toBe('2026-12-03');
    expect(() => DateScalar.parseValue('2026-13-01')).toThrow(/YYYY-MM-DD/);
    expect(() => DateScalar.parseValue(20261203)).toThrow(/YYYY-MM-DD/);
    expect(DateScalar.parseLiteral({ kind: Kind.STRING, value: '2026-12-03' })).toBe('2026-12-03');
    expect(() => DateScalar.parseLiteral({ kind: Kind.INT, value: '1' })).toThrow(/string/);
  });

  it('serializes stored days and midnight-in-China instants as the China day', () => {
    expect(DateScalar.serialize('2026-12-03')).toBe('2026-12-03');
    expect(DateScalar.serialize(new Date('2026-12-02T16:00:00Z'))).toBe('2026-12-03');
    expect(() => DateScalar.serialize('yesterday')).toThrow();
  });
});
