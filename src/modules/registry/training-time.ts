import { FieldProblem } from '../../platform/errors/domain-error';
import { addDays, isCalendarDate } from '../../platform/clock/business-time';

/**
 * Training-time rules (中办发〔2021〕40号; 教育部办公厅 2021-04 sleep notice) as a pure function over a
 * course schedule and the county calendar. Subject courses: no lessons on weekends, public holidays or
 * winter/summer vacations; offline lessons end by 20:30; online lessons last at most 30 minutes, with at
 * least 10 minutes between them, and end by 21:00. Every course: well-formed times, lessons of the
 * course's lesson length, no overlaps.
 */
export interface TrainingTimeRules {
  offlineEnd: string;
  onlineEnd: string;
  onlineMaxLessonMinutes: number;
  onlineMinBreakMinutes: number;
}

export const DEFAULT_TRAINING_TIME_RULES: TrainingTimeRules = {
  offlineEnd: '20:30',
  onlineEnd: '21:00',
  onlineMaxLessonMinutes: 30,
  onlineMinBreakMinutes: 10,
};

export interface CalendarEntry {
  kind: 'PUBLIC_HOLIDAY' | 'WINTER_VACATION' | 'SUMMER_VACATION' | 'ADJUSTED_WORKDAY' | string;
  name: string;
  startDate: string;
  endDate: string;
}

export interface Schedule {
  subject: boolean;
  mode: 'OFFLINE' | 'ONLINE';
  lessonMinutes: number;
  termStart: string;
  termEnd: string;
  weeklySlots: { weekday: number; start: string; end: string }[];
  extraSessions: { date: string; start: string; end: string }[];
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const WEEKDAY_NAMES = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** ISO weekday of a YYYY-MM-DD date: 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

const periodOn = (calendar: CalendarEntry[], date: string, kinds: string[]): CalendarEntry | undefined =>
  calendar.find((c) => kinds.includes(c.kind) && c.startDate <= date && date <= c.endDate);

type Lesson = { path: string; day: string; start: string; end: string };

function checkLessons(lessons: Lesson[], s: Schedule, rules: TrainingTimeRules, problems: FieldProblem[]): void {
  for (const l of lessons) {
    if (!TIME.test(l.start) || !TIME.test(l.end)) {
      problems.push({ path: l.path, message: 'start and end must be times HH:MM' });
      continue;
    }
    const length = minutes(l.end) - minutes(l.start);
    if (length <= 0) {
      problems.push({ path: l.path, message: `ends (${l.end}) before it starts (${l.start})` });
      continue;
    }
    if (length !== s.lessonMinutes)
      problems.push({
        path: l.path,
        message: `lasts ${length} minutes; a lesson of this course lasts ${s.lessonMinutes}`,
      });
    if (!s.subject) continue;
    if (s.mode === 'OFFLINE' && minutes(l.end) > minutes(rules.offlineEnd)) {
      problems.push({
        path: l.path,
        message: `ends at ${l.end}; offline subject training must end by ${rules.offlineEnd}`,
      });
    }
    if (s.mode === 'ONLINE' && minutes(l.end) > minutes(rules.onlineEnd)) {
      problems.push({
        path: l.path,
        message: `ends at ${l.end}; online subject training must end by ${rules.onlineEnd}`,
      });
    }
  }
  // Overlaps and (online subject) breaks, per day.
  const byDay = new Map<string, Lesson[]>();
  for (const l of lessons.filter((x) => TIME.test(x.start) && TIME.test(x.end) && x.end > x.start))
    byDay.set(l.day, [...(byDay.get(l.day) ?? []), l]);
  for (const list of byDay.values()) {
    list.sort((a, b) => a.start.localeCompare(b.start));
    for (let i = 1; i < list.length; i++) {
      const prev = list[i - 1] as Lesson;
      const cur = list[i] as Lesson;
      const gap = minutes(cur.start) - minutes(prev.end);
      if (gap < 0) problems.push({ path: cur.path, message: `overlaps ${prev.path} (${prev.start}–${prev.end})` });
      else if (s.subject && s.mode === 'ONLINE' && gap < rules.onlineMinBreakMinutes) {
        problems.push({
          path: cur.path,
          message: `starts ${gap} minutes after the previous online lesson; at least ${rules.onlineMinBreakMinutes} minutes' break is required`,
        });
      }
    }
  }
}

/** Every rule the schedule breaks, as field problems naming the slot and the rule; empty when it complies. */
export function checkTrainingTime(
  s: Schedule,
  calendar: CalendarEntry[],
  rules: TrainingTimeRules = DEFAULT_TRAINING_TIME_RULES,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!isCalendarDate(s.termStart) || !isCalendarDate(s.termEnd)) {
    problems.push({ path: 'termStart', message: 'termStart and termEnd must be dates YYYY-MM-DD' });
    return problems;
  }
  if (s.termEnd < s.termStart) problems.push({ path: 'termEnd', message: 'the term ends before it starts' });
  if (s.weeklySlots.length === 0 && s.extraSessions.length === 0)
    problems.push({ path: 'weeklySlots', message: 'a course needs at least one lesson' });
  if (s.subject && s.mode === 'ONLINE' && s.lessonMinutes > rules.onlineMaxLessonMinutes) {
    problems.push({
      path: 'lessonMinutes',
      message: `an online subject lesson lasts at most ${rules.onlineMaxLessonMinutes} minutes; this one lasts ${s.lessonMinutes}`,
    });
  }
  const lessons: Lesson[] = [];
  s.weeklySlots.forEach((slot, i) => {
    const path = `weeklySlots[${i}]`;
    if (!Number.isInteger(slot.weekday) || slot.weekday < 1 || slot.weekday > 7) {
      problems.push({ path, message: 'weekday must be 1 (Monday) to 7 (Sunday)' });
      return;
    }
    if (s.subject && slot.weekday >= 6) {
      problems.push({
        path,
        message: `is on ${WEEKDAY_NAMES[slot.weekday]}; subject training is not allowed on weekends`,
      });
    }
    lessons.push({ path, day: `w${slot.weekday}`, start: slot.start, end: slot.end });
  });
  s.extraSessions.forEach((session, i) => {
    const path = `extraSessions[${i}]`;
    if (!isCalendarDate(session.date)) {
      problems.push({ path, message: 'date must be YYYY-MM-DD' });
      return;
    }
    if (s.subject) {
      const holiday = periodOn(calendar, session.date, ['PUBLIC_HOLIDAY']);
      const vacation = periodOn(calendar, session.date, ['WINTER_VACATION', 'SUMMER_VACATION']);
      const workday = periodOn(calendar, session.date, ['ADJUSTED_WORKDAY']);
      if (holiday)
        problems.push({
          path,
          message: `${session.date} is a public holiday (${holiday.name}); subject training is not allowed on public holidays`,
        });
      else if (vacation)
        problems.push({
          path,
          message: `${session.date} is in the ${vacation.name} (${vacation.startDate}–${vacation.endDate}); subject training is not allowed in winter or summer vacations`,
        });
      else if (weekdayOf(session.date) >= 6 && !workday) {
        problems.push({
          path,
          message: `${session.date} is a ${WEEKDAY_NAMES[weekdayOf(session.date)]}; subject training is not allowed on weekends`,
        });
      }
    }
    lessons.push({ path, day: session.date, start: session.start, end: session.end });
  });
  if (s.subject && s.weeklySlots.length > 0) {
    for (const v of calendar.filter(
      (c) =>
        (c.kind === 'WINTER_VACATION' || c.kind === 'SUMMER_VACATION') &&
        c.startDate <= s.termEnd &&
        c.endDate >= s.termStart,
    )) {
      problems.push({
        path: 'termStart',
        message: `the term ${s.termStart}–${s.termEnd} overlaps the ${v.name} (${v.startDate}–${v.endDate}); subject training is not allowed in winter or summer vacations`,
      });
    }
  }
  checkLessons(lessons, s, rules, problems);
  return problems;
}

/**
 * Dates of the term on which a weekly lesson falls on a public holiday: those lessons are not held
 * (subject courses) — shown with the course so institutions and parents see them.
 */
export function holidayDatesSkipped(s: Schedule, calendar: CalendarEntry[]): string[] {
  if (!s.subject) return [];
  const weekdays = new Set(s.weeklySlots.map((w) => w.weekday));
  const dates: string[] = [];
  for (const h of calendar.filter((c) => c.kind === 'PUBLIC_HOLIDAY')) {
    for (
      let d = h.startDate > s.termStart ? h.startDate : s.termStart;
      d <= h.endDate && d <= s.termEnd;
      d = addDays(d, 1)
    ) {
      if (weekdays.has(weekdayOf(d))) dates.push(d);
    }
  }
  return dates.sort();
}

/**
 * Why `lessons` lessons of a course cannot have been taught on `date` (消课 against a contract), or an
 * empty list. The lessons a date holds are the course's weekly slots on that weekday and its extra
 * sessions on that date, within the term; a subject course holds no weekly lesson on a public holiday or
 * in a winter or summer vacation (the rules checkTrainingTime enforces on the schedule).
 */
export function lessonDayProblems(s: Schedule, date: string, lessons: number, calendar: CalendarEntry[]): string[] {
  if (!isCalendarDate(date)) return ['must be a date YYYY-MM-DD'];
  if (date < s.termStart || date > s.termEnd)
    return [`${date} is outside the course's term ${s.termStart}–${s.termEnd}`];
  const extra = s.extraSessions.filter((x) => x.date === date).length;
  let weekly = s.weeklySlots.filter((w) => w.weekday === weekdayOf(date)).length;
  let closed: string | null = null;
  if (s.subject && weekly > 0) {
    const holiday = periodOn(calendar, date, ['PUBLIC_HOLIDAY']);
    const vacation = periodOn(calendar, date, ['WINTER_VACATION', 'SUMMER_VACATION']);
    if (holiday) closed = `${date} is a public holiday (${holiday.name}); subject training is not allowed on it`;
    else if (vacation)
      closed = `${date} is in the ${vacation.name}; subject training is not allowed in winter or summer vacations`;
    if (closed) weekly = 0;
  }
  const scheduled = weekly + extra;
  if (scheduled === 0)
    return [closed ?? `the course schedules no lesson on ${date} (${WEEKDAY_NAMES[weekdayOf(date)]})`];
  if (lessons > scheduled)
    return [`the course schedules ${scheduled} lesson(s) on ${date}; ${lessons} cannot have been taught`];
  return [];
}
