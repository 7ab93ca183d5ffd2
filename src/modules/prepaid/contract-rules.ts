import { FieldProblem } from '../../platform/errors/domain-error';
import { formatMoney } from '../../platform/database/money';
import { Problems } from '../../platform/errors/problems';
import { Text, text } from '../../platform/i18n/text';

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
      text(
        `the period covers more than ${caps.maxMonths} months (it may end on ${last} at the latest)`,
        `收费周期超过 ${caps.maxMonths} 个月（最晚只能到 ${last}）`,
      ),
    );
  const hours = charge.lessonHours + earlier.lessonHours;
  if (hours > caps.maxLessonHours)
    problems.add(
      'lessonsBought',
      earlier.lessonHours > 0
        ? text(
            `${hours} lesson hours with the top-ups of the last ${caps.maxMonths} months; at most ${caps.maxLessonHours}`,
            `连同近 ${caps.maxMonths} 个月的续费共 ${hours} 课时；最多 ${caps.maxLessonHours} 课时`,
          )
        : text(
            `${hours} lesson hours; at most ${caps.maxLessonHours}`,
            `共 ${hours} 课时；最多 ${caps.maxLessonHours} 课时`,
          ),
    );
  const fen = charge.totalFen + earlier.totalFen;
  if (fen > caps.maxFen)
    problems.add(
      'pricePerLesson',
      earlier.totalFen > 0n
        ? text(
            `${formatMoney(fen)} yuan with the top-ups of the last ${caps.maxMonths} months; at most ${formatMoney(caps.maxFen)}`,
            `连同近 ${caps.maxMonths} 个月的续费共 ${formatMoney(fen)} 元；最多 ${formatMoney(caps.maxFen)} 元`,
          )
        : text(
            `${formatMoney(fen)} yuan; at most ${formatMoney(caps.maxFen)}`,
            `共 ${formatMoney(fen)} 元；最多 ${formatMoney(caps.maxFen)} 元`,
          ),
    );
  return [...problems.list];
}

/** Why lessons cannot be recorded against the contract on the date, by the contract's own bounds; null when they can. */
export function lessonBoundProblem(input: {
  taughtOn: string;
  today: string;
  periodStart: string;
  periodEnd: string;
}): Text | null {
  if (input.taughtOn > input.today)
    return text(
      `${input.taughtOn} is in the future (today is ${input.today})`,
      `${input.taughtOn} 晚于今天（今天是 ${input.today}）`,
    );
  if (input.taughtOn < input.periodStart || input.taughtOn > input.periodEnd)
    return text(
      `${input.taughtOn} is outside the contract period ${input.periodStart}–${input.periodEnd}`,
      `${input.taughtOn} 不在合同期限 ${input.periodStart}–${input.periodEnd} 内`,
    );
  return null;
}

/** Lessons that may still be recorded: bought less those recorded and not objected (pending + confirmed). */
export function lessonsLeft(lessonsBought: number, lessonsTaught: number): number {
  return Math.max(0, lessonsBought - lessonsTaught);
}
