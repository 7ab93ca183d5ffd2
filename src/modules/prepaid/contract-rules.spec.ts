import {
  addMonths,
  chargeCapProblems,
  lastDayWithin,
  lessonBoundProblem,
  lessonHoursOf,
  lessonsLeft,
} from './contract-rules';

const CAPS = { maxFen: 500_000n, maxLessonHours: 60, maxMonths: 3 };
const NONE = { totalFen: 0n, lessonHours: 0 };
const ok = { totalFen: 480_000n, lessonHours: 48, periodStart: '2026-09-01', periodEnd: '2026-11-30' };

describe('contract rules', () => {
  it('counts lesson hours: every lesson at least one, one more per started hour', () => {
    expect(lessonHoursOf(48, 45)).toBe(48);
    expect(lessonHoursOf(48, 60)).toBe(48);
    expect(lessonHoursOf(20, 90)).toBe(40);
    expect(lessonHoursOf(31, 120)).toBe(62);
  });

  it('adds months clamped to the month end; a 3-month period ends the day before', () => {
    expect(addMonths('2026-09-01', 3)).toBe('2026-12-01');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(lastDayWithin('2026-09-01', 3)).toBe('2026-11-30');
  });

  it('accepts a charge within every cap, up to the caps exactly', () => {
    expect(chargeCapProblems(ok, NONE, CAPS)).toEqual([]);
    expect(chargeCapProblems({ ...ok, totalFen: 500_000n, lessonHours: 60 }, NONE, CAPS)).toEqual([]);
  });

  it('refuses over 3 months, over 60 lesson hours and over 5,000 yuan, each named', () => {
    const problems = chargeCapProblems(
      { totalFen: 500_001n, lessonHours: 61, periodStart: '2026-09-01', periodEnd: '2026-12-01' },
      NONE,
      CAPS,
    );
    expect(problems.map((p) => p.path)).toEqual(['periodEnd', 'lessonsBought', 'pricePerLesson']);
    expect(problems[0]!.message.en).toContain('2026-11-30');
    expect(problems[2]!.message.en).toContain('5000.01');
  });

  it('adds the top-ups of the window', () => {
    const problems = chargeCapProblems(ok, { totalFen: 30_000n, lessonHours: 13 }, CAPS);
    expect(problems.map((p) => p.path)).toEqual(['lessonsBought', 'pricePerLesson']);
    expect(problems[1]!.message.en).toContain('top-ups');
  });

  it('bounds lessons: not in the future, within the contract period; never beyond those bought', () => {
    const c = { today: '2026-09-21', periodStart: '2026-09-01', periodEnd: '2026-11-30' };
    expect(lessonBoundProblem({ ...c, taughtOn: '2026-09-21' })).toBeNull();
    expect(lessonBoundProblem({ ...c, taughtOn: '2026-09-22' })?.en).toContain('future');
    expect(lessonBoundProblem({ ...c, taughtOn: '2026-08-31' })?.en).toContain('outside the contract period');
    expect(lessonsLeft(48, 46)).toBe(2);
    expect(lessonsLeft(48, 48)).toBe(0);
  });
});
