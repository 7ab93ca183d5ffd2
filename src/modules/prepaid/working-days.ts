import { Injectable } from '@nestjs/common';
import { addDays } from '../../platform/clock/business-time';
import { CalendarPeriodKind, ReferenceFacade } from '../reference';
import type { CalendarPeriod } from '../reference';

/**
 * Working days (工作日) of the county calendar: Monday–Friday plus ADJUSTED_WORKDAY periods (调休上班),
 * minus PUBLIC_HOLIDAY periods (法定节假日 with their bridging days). School vacations are not days off
 * here. Dates are business dates written YYYY-MM-DD.
 */
export type WorkingDayPeriod = Pick<CalendarPeriod, 'kind' | 'startDate' | 'endDate'>;

function within(date: string, p: WorkingDayPeriod): boolean {
  return p.startDate <= date && date <= p.endDate;
}

/** Whether a date is a working day under the given calendar periods. An adjusted workday wins. */
export function isWorkingDay(date: string, periods: readonly WorkingDayPeriod[]): boolean {
  if (periods.some((p) => p.kind === CalendarPeriodKind.ADJUSTED_WORKDAY && within(date, p))) return true;
  if (periods.some((p) => p.kind === CalendarPeriodKind.PUBLIC_HOLIDAY && within(date, p))) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return weekday >= 1 && weekday <= 5;
}

/**
 * The n-th working day after `from` (`from` itself not counted; n = 0 gives `from`), or null when it lies
 * after `until` (the last date the periods are known to cover).
 */
export function nthWorkingDayAfter(
  from: string,
  n: number,
  periods: readonly WorkingDayPeriod[],
  until: string,
): string | null {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`not a number of working days: ${n}`);
  let date = from;
  let left = n;
  while (left > 0) {
    date = addDays(date, 1);
    if (date > until) return null;
    if (isWorkingDay(date, periods)) left -= 1;
  }
  return date;
}

/** Working days in (from, to]: after `from`, up to and including `to` (0 when to <= from). */
export function countWorkingDays(from: string, to: string, periods: readonly WorkingDayPeriod[]): number {
  let count = 0;
  for (let date = addDays(from, 1); date <= to; date = addDays(date, 1)) if (isWorkingDay(date, periods)) count += 1;
  return count;
}

/** The calendar span that surely holds n working days unless the county declares long holidays. */
function spanFor(n: number): number {
  return Math.ceil((n * 7) / 5) + 31;
}

/** Working-day arithmetic on the county calendar, read through ReferenceFacade.calendarPeriodsBetween. */
@Injectable()
export class WorkingDays {
  constructor(private readonly reference: ReferenceFacade) {}

  /** The n-th working day after a business date (see nthWorkingDayAfter). */
  async addWorkingDays(fromBusinessDate: string, n: number): Promise<string> {
    let span = spanFor(n);
    for (;;) {
      const until = addDays(fromBusinessDate, span);
      const periods = await this.reference.calendarPeriodsBetween(fromBusinessDate, until);
      const found = nthWorkingDayAfter(fromBusinessDate, n, periods, until);
      if (found) return found;
      span *= 2; // a calendar with more days off than the first window assumed
    }
  }

  /**
   * The calendar of a batch of dates in [from, to] with n working days to add to each: the periods of
   * [from, to + the span n needs] read once, and addWorkingDays(date, n) answered from them (the same
   * arithmetic; a date whose n-th working day lies beyond them is read again as addWorkingDays does).
   */
  async calendarFor(
    from: string,
    to: string,
    n: number,
  ): Promise<{ periods: CalendarPeriod[]; addWorkingDays: (date: string) => Promise<string> }> {
    const until = addDays(to, spanFor(n));
    const periods = await this.reference.calendarPeriodsBetween(from, until);
    return {
      periods,
      addWorkingDays: async (date) =>
        (date >= from && date <= to ? nthWorkingDayAfter(date, n, periods, until) : null) ??
        this.addWorkingDays(date, n),
    };
  }

  /** Working days after `from`, up to and including `to`. */
  async workingDaysBetween(from: string, to: string): Promise<number> {
    if (to <= from) return 0;
    const periods = await this.reference.calendarPeriodsBetween(from, to);
    return countWorkingDays(from, to, periods);
  }
}
