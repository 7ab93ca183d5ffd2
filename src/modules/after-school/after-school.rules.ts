import { addDays } from '../../platform/clock/business-time';
import { Text, text } from '../../platform/i18n/text';

/** A weekly time slot of a plan: weekday 1 = Monday … 7 = Sunday, local HH:MM times. */
export interface TimeSlot {
  weekday: number;
  start: string;
  end: string;
}

export const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
/** Default of the county rule after_school.min_daily_minutes: two hours a day. */
const MIN_DAILY_MINUTES = 120;
const SCHOOL_WEEKDAYS = [1, 2, 3, 4, 5];

const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/**
 * The "5+2" rule of a plan (中办发〔2021〕40号): service on each of the five school days, at least two hours
 * a day (`minDailyMinutes`), the day's service ending no earlier than the local off-work time. Returns every broken rule.
 */
export function planSlotProblems(
  slots: readonly TimeSlot[],
  offWorkTime: string,
  minDailyMinutes = MIN_DAILY_MINUTES,
): Text[] {
  const problems: Text[] = [];
  const byDay = new Map<number, TimeSlot[]>();
  for (const slot of slots) {
    if (!Number.isInteger(slot.weekday) || slot.weekday < 1 || slot.weekday > 7)
      problems.push(
        text(
          `weekday ${slot.weekday} is not 1 (Monday) to 7 (Sunday)`,
          `星期 ${slot.weekday} 不在 1（星期一）到 7（星期日）之间`,
        ),
      );
    else if (!TIME_PATTERN.test(slot.start) || !TIME_PATTERN.test(slot.end))
      problems.push(text(`weekday ${slot.weekday}: times must be HH:MM`, `星期 ${slot.weekday}：时间须为 HH:MM 格式`));
    else if (minutesOf(slot.end) <= minutesOf(slot.start))
      problems.push(
        text(
          `weekday ${slot.weekday}: ${slot.start}–${slot.end} ends before it starts`,
          `星期 ${slot.weekday}：${slot.start}–${slot.end} 的结束时间早于开始时间`,
        ),
      );
    else byDay.set(slot.weekday, [...(byDay.get(slot.weekday) ?? []), slot]);
  }
  if (problems.length > 0) return problems;
  for (const day of SCHOOL_WEEKDAYS) {
    const daySlots = (byDay.get(day) ?? []).sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
    if (daySlots.length === 0) {
      problems.push(
        text(`weekday ${day}: no service (5 days a week are required)`, `星期 ${day}：没有安排服务（每周须有 5 天）`),
      );
      continue;
    }
    for (let i = 1; i < daySlots.length; i++) {
      if (minutesOf(daySlots[i]!.start) < minutesOf(daySlots[i - 1]!.end))
        problems.push(text(`weekday ${day}: slots overlap`, `星期 ${day}：时段相互重叠`));
    }
    const total = daySlots.reduce((sum, s) => sum + minutesOf(s.end) - minutesOf(s.start), 0);
    if (total < minDailyMinutes)
      problems.push(
        text(
          `weekday ${day}: ${total} minutes of service, at least ${minDailyMinutes} are required`,
          `星期 ${day}：服务时长 ${total} 分钟，至少须 ${minDailyMinutes} 分钟`,
        ),
      );
    const end = daySlots[daySlots.length - 1]!.end;
    if (minutesOf(end) < minutesOf(offWorkTime))
      problems.push(
        text(
          `weekday ${day}: service ends at ${end}, before the local off-work time ${offWorkTime}`,
          `星期 ${day}：服务于 ${end} 结束，早于当地下班时间 ${offWorkTime}`,
        ),
      );
  }
  return problems;
}

export interface HomeworkLimits {
  grades1to2: number;
  grades3to6: number;
  junior: number;
}

/** The daily written-homework limit of a grade (1–2: none; 3–6: ≤ 60; junior 7–9: ≤ 90 by default). */
export function homeworkLimitFor(grade: number, limits: HomeworkLimits): number {
  if (grade <= 2) return limits.grades1to2;
  if (grade <= 6) return limits.grades3to6;
  return limits.junior;
}

/** Monday to Friday: the school week (without a calendar, e.g. in demo data). */
export function isWeekday(date: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday >= 1 && weekday <= 5;
}

/** A period of the county's school calendar as the reference module keeps it (inclusive dates). */
interface CalendarPeriodLike {
  kind: string;
  startDate: string;
  endDate: string;
}

const DAYS_OFF = new Set(['PUBLIC_HOLIDAY', 'WINTER_VACATION', 'SUMMER_VACATION']);

/**
 * The school days of an inclusive range: Monday–Friday and adjusted workdays (调休上班日), except public
 * holidays and winter and summer vacations.
 */
export function schoolDaysBetween(from: string, to: string, periods: readonly CalendarPeriodLike[]): string[] {
  const within = (day: string, kinds: (k: string) => boolean) =>
    periods.some((p) => kinds(p.kind) && p.startDate <= day && day <= p.endDate);
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    if (within(day, (k) => DAYS_OFF.has(k))) continue;
    if (isWeekday(day) || within(day, (k) => k === 'ADJUSTED_WORKDAY')) days.push(day);
  }
  return days;
}

/** Semester code `YYYY-1` (autumn term starting in September of YYYY) or `YYYY-2` (spring term of YYYY+1). */
export const SEMESTER_PATTERN = /^\d{4}-[12]$/;

/**
 * The semester a date falls in: autumn `YYYY-1` from August to January (the school year starting in
 * YYYY), spring `YYYY-2` from February to July (the dashboard uses the same rule).
 */
export function semesterOf(date: string): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  if (m >= 8) return `${y}-1`;
  if (m === 1) return `${y - 1}-1`;
  return `${y - 1}-2`;
}

/** The school year (the autumn year) of a date: September onwards belongs to this year's school year. */
export function schoolYearOf(date: string): number {
  const year = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 9 ? year : year - 1;
}

/**
 * The days whose homework breaches count towards a school's next alert: the county's rolling period ending
 * today, after the last day an earlier alert counted (those breaches never count twice); null when nothing
 * is left to count.
 */
export function breachWindow(
  today: string,
  periodDays: number,
  lastCountedDay: string | null,
): { from: string; to: string } | null {
  const periodStart = addDays(today, 1 - periodDays);
  const from = lastCountedDay && lastCountedDay >= periodStart ? addDays(lastCountedDay, 1) : periodStart;
  return from <= today ? { from, to: today } : null;
}
