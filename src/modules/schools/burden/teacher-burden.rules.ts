/** Hours a teacher can give a demand in one day, at most: the bound a recorded total is checked against. */
export const MAX_HOURS_PER_TEACHER_DAY = 12;

/** Calendar days from `from` to `to` (YYYY-MM-DD), both counted. */
export function daysInclusive(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The most teacher-hours `teachers` can spend on a demand from `from` to `to`. */
export function maxTeacherHours(teachers: number, from: string, to: string): number {
  return teachers * daysInclusive(from, to) * MAX_HOURS_PER_TEACHER_DAY;
}

/** 'YYYY-MM' → its first day and the first day of the next month. */
export function monthBounds(month: string): { from: string; to: string } {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { from: `${month}-01`, to: `${next}-01` };
}

/** The `count` months ending with `month`, oldest first ('YYYY-MM'). */
export function monthsEndingWith(month: string, count: number): string[] {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1;
  return Array.from({ length: count }, (_, i) => {
    const k = y * 12 + m - (count - 1 - i);
    return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
  });
}
