/**
 * Business dates and times in the county's time zone (Asia/Shanghai by default). Stored instants are
 * UTC `timestamptz`; rules that speak of "a day" (deadlines, reporting windows) use these helpers.
 */
import type { Clock } from './clock';

export interface LocalDateTime {
  date: string; // YYYY-MM-DD
  time: string; // HH:MM
  weekday: number; // 1 = Monday … 7 = Sunday
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

export function toLocal(instant: Date, timeZone: string): LocalDateTime {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
    weekday: WEEKDAYS[parts.weekday as string] ?? 0,
  };
}

/** The business date (YYYY-MM-DD) of an instant. */
export function businessDate(instant: Date, timeZone: string): string {
  return toLocal(instant, timeZone).date;
}

/** Today's business date (YYYY-MM-DD) by the clock, in the county's time zone. */
export function businessToday(clock: Clock, timeZone: string): string {
  return businessDate(clock.now(), timeZone);
}

/** Adds calendar days to a YYYY-MM-DD date. */
/** A calendar date written YYYY-MM-DD that exists (not 2026-02-30). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The UTC instant at which local wall-clock `date` `time` occurs in `timeZone`. */
export function localToInstant(date: string, time: string, timeZone: string): Date {
  const guess = new Date(`${date}T${time}:00Z`);
  // Offset of the zone at the guessed instant, applied once (exact for zones without DST such as Asia/Shanghai).
  const local = toLocal(guess, timeZone);
  const asIfUtc = new Date(`${local.date}T${local.time}:00Z`);
  return new Date(guess.getTime() - (asIfUtc.getTime() - guess.getTime()));
}
