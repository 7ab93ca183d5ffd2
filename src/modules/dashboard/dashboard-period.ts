import { isCalendarDate } from '../../platform/clock/business-time';
import { ValidationFailed } from '../../platform/errors/domain-error';
import { text } from '../../platform/i18n/text';

/** At most this many monthly points in one trend. */
export const MAX_TREND_MONTHS = 36;

export function checkDate(path: string, value: string): void {
  if (!isCalendarDate(value))
    throw new ValidationFailed([
      { path, message: text(`${path} must be a date YYYY-MM-DD`, `${path} 须为 YYYY-MM-DD 格式的日期`) },
    ]);
}

/** First day of the month of a date ('2026-11-29' → '2026-11-01'). */
export const monthStart = (date: string): string => `${date.slice(0, 7)}-01`;

/** First day of the next month. */
export function nextMonthStart(date: string): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** The months ('YYYY-MM') from the month of `from` to the month of `to`, inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let d = monthStart(from); d <= to; d = nextMonthStart(d)) months.push(d.slice(0, 7));
  return months;
}

/** The after-school semester a date falls in (the after-school module's rule). */
export { semesterOf } from '../after-school';

/** A ratio rounded to four decimals, or null when the denominator is zero (nothing to measure is not 100 %). */
export const rate = (numerator: number, denominator: number): number | null =>
  denominator === 0 ? null : Math.round((numerator / denominator) * 10000) / 10000;
