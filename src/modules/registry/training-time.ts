import { FieldProblem } from '../../platform/errors/domain-error';
import { Problems } from '../../platform/errors/problems';
import { addDays, isCalendarDate } from '../../platform/clock/business-time';
import { Text, text } from '../../platform/i18n/text';
import { MUST_BE_DATE } from '../../platform/i18n/field-texts';

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

const DEFAULT_TRAINING_TIME_RULES: TrainingTimeRules = {
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
const WEEKDAY_ZH = ['', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日'];

const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** ISO weekday of a YYYY-MM-DD date: 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

const periodOn = (calendar: CalendarEntry[], date: string, kinds: string[]): CalendarEntry | undefined =>
  calendar.find((c) => kinds.includes(c.kind) && c.startDate <= date && date <= c.endDate);

type Lesson = { path: string; day: string; start: string; end: string };

function checkLessons(lessons: Lesson[], s: Schedule, rules: TrainingTimeRules, problems: Problems): void {
  for (const l of lessons) {
    if (!TIME.test(l.start) || !TIME.test(l.end)) {
      problems.add(l.path, text('start and end must be times HH:MM', '开始和结束时间须为 HH:MM 格式'));
      continue;
    }
    const length = minutes(l.end) - minutes(l.start);
    if (length <= 0) {
      problems.add(
        l.path,
        text(`ends (${l.end}) before it starts (${l.start})`, `结束时间（${l.end}）早于开始时间（${l.start}）`),
      );
      continue;
    }
    if (length !== s.lessonMinutes)
      problems.add(
        l.path,
        text(
          `lasts ${length} minutes; a lesson of this course lasts ${s.lessonMinutes}`,
          `时长 ${length} 分钟，而本课程每课时为 ${s.lessonMinutes} 分钟`,
        ),
      );
    if (!s.subject) continue;
    if (s.mode === 'OFFLINE' && minutes(l.end) > minutes(rules.offlineEnd)) {
      problems.add(
        l.path,
        text(
          `ends at ${l.end}; offline subject training must end by ${rules.offlineEnd}`,
          `于 ${l.end} 结束；线下学科类培训须在 ${rules.offlineEnd} 前结束`,
        ),
      );
    }
    if (s.mode === 'ONLINE' && minutes(l.end) > minutes(rules.onlineEnd)) {
      problems.add(
        l.path,
        text(
          `ends at ${l.end}; online subject training must end by ${rules.onlineEnd}`,
          `于 ${l.end} 结束；线上学科类培训须在 ${rules.onlineEnd} 前结束`,
        ),
      );
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
      if (gap < 0)
        problems.add(
          cur.path,
          text(
            `overlaps ${prev.path} (${prev.start}–${prev.end})`,
            `与 ${prev.path}（${prev.start}–${prev.end}）时间重叠`,
          ),
        );
      else if (s.subject && s.mode === 'ONLINE' && gap < rules.onlineMinBreakMinutes) {
        problems.add(
          cur.path,
          text(
            `starts ${gap} minutes after the previous online lesson; at least ${rules.onlineMinBreakMinutes} minutes' break is required`,
            `与上一节线上课间隔 ${gap} 分钟；课间休息至少须 ${rules.onlineMinBreakMinutes} 分钟`,
          ),
        );
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
  const problems = new Problems();
  if (!isCalendarDate(s.termStart) || !isCalendarDate(s.termEnd)) {
    problems.add(
      'termStart',
      text('termStart and termEnd must be dates YYYY-MM-DD', 'termStart 和 termEnd 须为 YYYY-MM-DD 格式的日期'),
    );
    return [...problems.list];
  }
  if (s.termEnd < s.termStart)
    problems.add('termEnd', text('the term ends before it starts', '课程结束日期早于开始日期'));
  if (s.weeklySlots.length === 0 && s.extraSessions.length === 0)
    problems.add('weeklySlots', text('a course needs at least one lesson', '课程至少须安排一节课'));
  if (s.subject && s.mode === 'ONLINE' && s.lessonMinutes > rules.onlineMaxLessonMinutes) {
    problems.add(
      'lessonMinutes',
      text(
        `an online subject lesson lasts at most ${rules.onlineMaxLessonMinutes} minutes; this one lasts ${s.lessonMinutes}`,
        `线上学科类课程每课时不超过 ${rules.onlineMaxLessonMinutes} 分钟，此课程为 ${s.lessonMinutes} 分钟`,
      ),
    );
  }
  const lessons: Lesson[] = [];
  s.weeklySlots.forEach((slot, i) => {
    const path = `weeklySlots[${i}]`;
    if (!Number.isInteger(slot.weekday) || slot.weekday < 1 || slot.weekday > 7) {
      problems.add(path, text('weekday must be 1 (Monday) to 7 (Sunday)', 'weekday 须为 1（星期一）到 7（星期日）'));
      return;
    }
    if (s.subject && slot.weekday >= 6) {
      problems.add(
        path,
        text(
          `is on ${WEEKDAY_NAMES[slot.weekday]}; subject training is not allowed on weekends`,
          `安排在${WEEKDAY_ZH[slot.weekday]}；周末不得开展学科类培训`,
        ),
      );
    }
    lessons.push({ path, day: `w${slot.weekday}`, start: slot.start, end: slot.end });
  });
  s.extraSessions.forEach((session, i) => {
    const path = `extraSessions[${i}]`;
    if (!isCalendarDate(session.date)) {
      problems.add(path, text('date must be YYYY-MM-DD', 'date 须为 YYYY-MM-DD 格式'));
      return;
    }
    if (s.subject) {
      const holiday = periodOn(calendar, session.date, ['PUBLIC_HOLIDAY']);
      const vacation = periodOn(calendar, session.date, ['WINTER_VACATION', 'SUMMER_VACATION']);
      const workday = periodOn(calendar, session.date, ['ADJUSTED_WORKDAY']);
      if (holiday)
        problems.add(
          path,
          text(
            `${session.date} is a public holiday (${holiday.name}); subject training is not allowed on public holidays`,
            `${session.date} 是法定节假日（${holiday.name}）；法定节假日不得开展学科类培训`,
          ),
        );
      else if (vacation)
        problems.add(
          path,
          text(
            `${session.date} is in the ${vacation.name} (${vacation.startDate}–${vacation.endDate}); subject training is not allowed in winter or summer vacations`,
            `${session.date} 在${vacation.name}（${vacation.startDate}–${vacation.endDate}）期间；寒暑假不得开展学科类培训`,
          ),
        );
      else if (weekdayOf(session.date) >= 6 && !workday) {
        problems.add(
          path,
          text(
            `${session.date} is a ${WEEKDAY_NAMES[weekdayOf(session.date)]}; subject training is not allowed on weekends`,
            `${session.date} 是${WEEKDAY_ZH[weekdayOf(session.date)]}；周末不得开展学科类培训`,
          ),
        );
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
      problems.add(
        'termStart',
        text(
          `the term ${s.termStart}–${s.termEnd} overlaps the ${v.name} (${v.startDate}–${v.endDate}); subject training is not allowed in winter or summer vacations`,
          `课程期限 ${s.termStart}–${s.termEnd} 与${v.name}（${v.startDate}–${v.endDate}）重叠；寒暑假不得开展学科类培训`,
        ),
      );
    }
  }
  checkLessons(lessons, s, rules, problems);
  return [...problems.list];
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
export function lessonDayProblems(s: Schedule, date: string, lessons: number, calendar: CalendarEntry[]): Text[] {
  if (!isCalendarDate(date)) return [MUST_BE_DATE];
  if (date < s.termStart || date > s.termEnd)
    return [
      text(
        `${date} is outside the course's term ${s.termStart}–${s.termEnd}`,
        `${date} 不在课程期限 ${s.termStart}–${s.termEnd} 内`,
      ),
    ];
  const extra = s.extraSessions.filter((x) => x.date === date).length;
  let weekly = s.weeklySlots.filter((w) => w.weekday === weekdayOf(date)).length;
  let closed: Text | null = null;
  if (s.subject && weekly > 0) {
    const holiday = periodOn(calendar, date, ['PUBLIC_HOLIDAY']);
    const vacation = periodOn(calendar, date, ['WINTER_VACATION', 'SUMMER_VACATION']);
    if (holiday)
      closed = text(
        `${date} is a public holiday (${holiday.name}); subject training is not allowed on it`,
        `${date} 是法定节假日（${holiday.name}）；当天不得开展学科类培训`,
      );
    else if (vacation)
      closed = text(
        `${date} is in the ${vacation.name}; subject training is not allowed in winter or summer vacations`,
        `${date} 在${vacation.name}期间；寒暑假不得开展学科类培训`,
      );
    if (closed) weekly = 0;
  }
  const scheduled = weekly + extra;
  if (scheduled === 0)
    return [
      closed ??
        text(
          `the course schedules no lesson on ${date} (${WEEKDAY_NAMES[weekdayOf(date)]})`,
          `课程在 ${date}（${WEEKDAY_ZH[weekdayOf(date)]}）没有安排课程`,
        ),
    ];
  if (lessons > scheduled)
    return [
      text(
        `the course schedules ${scheduled} lesson(s) on ${date}; ${lessons} cannot have been taught`,
        `课程在 ${date} 只安排了 ${scheduled} 节课，不可能已上 ${lessons} 节`,
      ),
    ];
  return [];
}
