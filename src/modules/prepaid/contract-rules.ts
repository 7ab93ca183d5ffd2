import { FieldProblem } from '../../platform/errors/domain-error';
import { formatMoney } from '../../platform/database/money';
import { Problems } from '../../platform/errors/problems';

/** The per-charge caps (escrow.prepaid_max_fen, escrow.prepaid_max_lesson_hours, escrow.prepaid_max_months). */
export interface ChargeCaps {
  maxFen: bigint;
  maxLessonHours: number;
  maxMonths: number;
}

/**
 * Lesson hours (课时) a purchase counts for: every lesson is at least one, and one more for each started
 * hour beyond the first (a 45-minute lesson is 1, a 90-minute lesson 2), so long lessons cannot dodge the cap.
 */
export function lessonHoursOf(lessons: number, lessonMinutes: number): number {
  return lessons * Math.max(1, Math.ceil(lessonMinutes / 60));
}

/** The date n calendar months after a YYYY-MM-DD date, clamped to the month's end (11-30 + 3 → 02-28). */
export function addMonths(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const months = y * 12 + (m - 1) + n;
  const year = Math.floor(months / 12);
  const month = (months % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The last day a period starting on `start` may cover under a cap of n months (start + n months − 1 day). */
export function lastDayWithin(start: string, months: number): string {
  const end = new Date(`${addMonths(start, months)}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}

export interface Charge {
  totalFen: bigint;
  lessonHours: number;
  periodStart: string;
  periodEnd: string;
}

/**
 * Every cap the charge breaks, with the earlier charges of the same payer and student at the institution
 * within the window (top-ups, 续费) added to the amount and the lesson hours; empty when it complies.
 */
export function chargeCapProblems(
  charge: Charge,
  earlier: { totalFen: bigint; lessonHours: number },
  caps: ChargeCaps,
): FieldProblem[] {
  const problems = new Problems();
  const last = lastDayWithin(charge.periodStart, caps.maxMonths);
  if (charge.periodEnd > last)
    problems.add(
      'periodEnd',
      `the period covers more than ${caps.maxMonths} months (it may end on ${last} at the latest)`,
    );
  const hours = charge.lessonHours + earlier.lessonHours;
  if (hours > caps.maxLessonHours)
    problems.add(
      'lessonsBought',
      earlier.lessonHours > 0
        ? `${hours} lesson hours with the top-ups of the last ${caps.maxMonths} months; at most ${caps.maxLessonHours}`
        : `${hours} lesson hours; at most ${caps.maxLessonHours}`,
    );
  const fen = charge.totalFen + earlier.totalFen;
  if (fen > caps.maxFen)
    problems.add(
      'pricePerLesson',
      earlier.totalFen > 0n
        ? `${formatMoney(fen)} yuan with the top-ups of the last ${caps.maxMonths} months; at most ${formatMoney(caps.maxFen)}`
        : `${formatMoney(fen)} yuan; at most ${formatMoney(caps.maxFen)}`,
    );
  return [...problems.list];
}

/** Why lessons cannot be recorded against the contract on the date, by the contract's own bounds; null when they can. */
export function lessonBoundProblem(input: {
  taughtOn: string;
  today: string;
  periodStart: string;
  periodEnd: string;
}): string | null {
  if (input.taughtOn > input.today) return `${input.taughtOn} is in the future (today is ${input.today})`;
  if (input.taughtOn < input.periodStart || input.taughtOn > input.periodEnd)
    return `${input.taughtOn} is outside the contract period ${input.periodStart}–${input.periodEnd}`;
  return null;
}

/** Lessons that may still be recorded: bought less those recorded and not objected (pending + confirmed). */
export function lessonsLeft(lessonsBought: number, lessonsTaught: number): number {
  return Math.max(0, lessonsBought - lessonsTaught);
}
