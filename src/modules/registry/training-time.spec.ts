import {
  CalendarEntry,
  Schedule,
  checkTrainingTime,
  holidayDatesSkipped,
  lessonDayProblems,
  weekdayOf,
} from './training-time';

const CALENDAR: CalendarEntry[] = [
  { kind: 'PUBLIC_HOLIDAY', name: '国庆节', startDate: '2026-10-01', endDate: '2026-10-07' },
  { kind: 'SUMMER_VACATION', name: '2026年暑假', startDate: '2026-07-11', endDate: '2026-08-31' },
  { kind: 'ADJUSTED_WORKDAY', name: '国庆调休', startDate: '2026-10-10', endDate: '2026-10-10' },
];

const base = (over: Partial<Schedule> = {}): Schedule => ({
  subject: true,
  mode: 'OFFLINE',
  lessonMinutes: 60,
  termStart: '2026-09-01',
  termEnd: '2026-12-31',
  weeklySlots: [{ weekday: 3, start: '18:30', end: '19:30' }],
  extraSessions: [],
  ...over,
});

const messages = (s: Schedule) => checkTrainingTime(s, CALENDAR).map((p) => `${p.path}: ${p.message.en}`);

describe('training-time rules', () => {
  it('accepts a weekday evening subject course outside vacations', () => {
    expect(messages(base())).toEqual([]);
  });

  it('refuses subject lessons on weekends, but not non-subject ones', () => {
    const s = base({ weeklySlots: [{ weekday: 6, start: '09:00', end: '10:00' }] });
    expect(messages(s)).toEqual(['weeklySlots[0]: is on Saturday; subject training is not allowed on weekends']);
    expect(messages({ ...s, subject: false })).toEqual([]);
  });

  it('refuses a subject term overlapping the summer vacation', () => {
    expect(messages(base({ termStart: '2026-08-01' }))[0]).toContain('overlaps the 2026年暑假 (2026-07-11–2026-08-31)');
  });

  it('refuses subject extra sessions on public holidays, in vacations and on weekends (adjusted workdays allowed)', () => {
    const s = base({
      extraSessions: [
        { date: '2026-10-02', start: '09:00', end: '10:00' },
        { date: '2026-07-20', start: '09:00', end: '10:00' },
        { date: '2026-10-17', start: '09:00', end: '10:00' },
        { date: '2026-10-10', start: '09:00', end: '10:00' },
      ],
    });
    expect(messages(s)).toEqual([
      'extraSessions[0]: 2026-10-02 is a public holiday (国庆节); subject training is not allowed on public holidays',
      'extraSessions[1]: 2026-07-20 is in the 2026年暑假 (2026-07-11–2026-08-31); subject training is not allowed in winter or summer vacations',
      'extraSessions[2]: 2026-10-17 is a Saturday; subject training is not allowed on weekends',
    ]);
  });

  it('refuses offline subject lessons ending after 20:30', () => {
    expect(messages(base({ weeklySlots: [{ weekday: 2, start: '19:45', end: '20:45' }] }))).toEqual([
      'weeklySlots[0]: ends at 20:45; offline subject training must end by 20:30',
    ]);
  });

  it('online subject lessons: at most 30 minutes, 10-minute breaks, end by 21:00', () => {
    const s = base({
      mode: 'ONLINE',
      lessonMinutes: 40,
      weeklySlots: [
        { weekday: 1, start: '19:00', end: '19:40' },
        { weekday: 1, start: '19:45', end: '20:25' },
        { weekday: 2, start: '20:30', end: '21:10' },
      ],
    });
    expect(messages(s)).toEqual([
      'lessonMinutes: an online subject lesson lasts at most 30 minutes; this one lasts 40',
      'weeklySlots[2]: ends at 21:10; online subject training must end by 21:00',
      "weeklySlots[1]: starts 5 minutes after the previous online lesson; at least 10 minutes' break is required",
    ]);
  });

  it('checks well-formed lessons for every course', () => {
    const s = base({
      subject: false,
      weeklySlots: [
        { weekday: 8, start: '09:00', end: '10:00' },
        { weekday: 1, start: '10:00', end: '09:00' },
        { weekday: 1, start: '11:00', end: '11:30' },
        { weekday: 2, start: '9:00', end: '10:00' },
      ],
    });
    expect(messages(s)).toEqual([
      'weeklySlots[0]: weekday must be 1 (Monday) to 7 (Sunday)',
      'weeklySlots[1]: ends (09:00) before it starts (10:00)',
      'weeklySlots[2]: lasts 30 minutes; a lesson of this course lasts 60',
      'weeklySlots[3]: start and end must be times HH:MM',
    ]);
  });

  it('lists the holiday dates on which weekly subject lessons are skipped', () => {
    expect(weekdayOf('2026-10-01')).toBe(4);
    expect(
      holidayDatesSkipped(base({ weeklySlots: [{ weekday: 4, start: '18:00', end: '19:00' }] }), CALENDAR),
    ).toEqual(['2026-10-01']);
  });
});

describe('lessonDayProblems (lessons taught against a contract)', () => {
  const course = {
    subject: true,
    mode: 'OFFLINE' as const,
    lessonMinutes: 45,
    termStart: '2026-09-01',
    termEnd: '2026-12-31',
    weeklySlots: [
      { weekday: 1, start: '18:00', end: '18:45' },
      { weekday: 1, start: '19:00', end: '19:45' },
    ],
    extraSessions: [{ date: '2026-09-23', start: '18:00', end: '18:45' }],
  };
  const calendar = [{ kind: 'PUBLIC_HOLIDAY', name: '国庆节', startDate: '2026-10-01', endDate: '2026-10-07' }];

  it('allows up to the lessons the schedule holds that day', () => {
    expect(lessonDayProblems(course, '2026-09-21', 2, calendar)).toEqual([]);
    expect(lessonDayProblems(course, '2026-09-23', 1, calendar)).toEqual([]);
    expect(lessonDayProblems(course, '2026-09-21', 3, calendar)[0]?.en).toContain('schedules 2 lesson(s)');
  });

  it('refuses a day without lessons, outside the term, or a public holiday for a subject course', () => {
    expect(lessonDayProblems(course, '2026-09-22', 1, calendar)[0]?.en).toContain('no lesson');
    expect(lessonDayProblems(course, '2026-08-31', 1, calendar)[0]?.en).toContain('outside the course');
    expect(lessonDayProblems(course, '2026-10-05', 1, calendar)[0]?.en).toContain('public holiday');
    expect(lessonDayProblems({ ...course, subject: false }, '2026-10-05', 1, calendar)).toEqual([]);
  });
});
