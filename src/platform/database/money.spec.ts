import { MAX_AMOUNT_FEN, MAX_TOTAL_FEN, MONEY_INPUT_PATTERN, formatMoney, parseMoney, withinTotalBound } from './money';

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

describe('money bounds', () => {
  it('keeps any total of bounded amounts far inside the 64-bit column', () => {
    const INT8_MAX = 2n ** 63n - 1n;
    expect(MAX_AMOUNT_FEN).toBe(parseMoney('99999999999.99'));
    expect(MAX_TOTAL_FEN).toBe(parseMoney('99999999999999.99'));
    // A bounded total plus one more bounded amount still fits, with room for county-wide sums.
    expect(MAX_TOTAL_FEN + MAX_AMOUNT_FEN < INT8_MAX / 100n).toBe(true);
    expect(withinTotalBound(MAX_TOTAL_FEN)).toBe(true);
    expect(withinTotalBound(MAX_TOTAL_FEN + 1n)).toBe(false);
    expect(withinTotalBound(-MAX_TOTAL_FEN - 1n)).toBe(false);
  });

  it('lets GraphQL inputs carry at most MAX_AMOUNT_FEN', () => {
    expect(MONEY_INPUT_PATTERN.test('99999999999.99')).toBe(true);
    expect(MONEY_INPUT_PATTERN.test('100000000000.00')).toBe(false);
    expect(MONEY_INPUT_PATTERN.test('999999999999999.99')).toBe(false);
  });
});
