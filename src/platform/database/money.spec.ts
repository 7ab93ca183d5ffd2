import { formatMoney, parseMoney } from './money';

describe('money', () => {
  it('parses two-decimal strings to fen and back', () => {
    expect(parseMoney('1234.50')).toBe(123450n);
    expect(parseMoney('0.01')).toBe(1n);
    expect(parseMoney('999999999999999.99')).toBe(99999999999999999n);
    expect(formatMoney(123450n)).toBe('1234.50');
    expect(formatMoney(-5n)).toBe('-0.05');
    expect(formatMoney(parseMoney('999999999999999.99'))).toBe('999999999999999.99');
  });

  it.each(['1', '1.5', '1.505', '-1.00', '1e3', ' 1.00', '1234567890123456.00'])('refuses "%s"', (value) => {
    expect(() => parseMoney(value)).toThrow(RangeError);
  });
});
