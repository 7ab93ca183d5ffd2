import { Principal } from '../../../platform/auth/principal';
import { Role } from '../../../platform/auth/role';
import { Problems } from '../../../platform/errors/problems';
import { text } from '../../../platform/i18n/text';
import { CalendarPeriodKind, ReferenceFacade, SchoolSummary } from '../../reference';
import { ExamResultForm, ExamResultLevel, gradesOfStage, termBounds } from './exam.rules';

/**
 * The checks that make an input simply invalid (VALIDATION_FAILED, nothing stored), as opposed to the
 * national rules, whose breaches are stored as findings. Each adds its problems to the caller's collector.
 */

/** The school written for: a school administrator's own (any other is refused), or any school for EDU. */
export async function schoolWrittenFor(
  reference: ReferenceFacade,
  actor: Principal,
  schoolId: string,
  problems: Problems,
): Promise<SchoolSummary | null> {
  if (actor.kind === 'user' && actor.role === Role.SCHOOL_ADMIN && actor.schoolId !== schoolId) {
    problems.add(
      'schoolId',
      text("a school administrator records only their own school's exams", '学校管理员只能登记本校的考试'),
    );
    return null;
  }
  const [school] = await reference.schoolsByIds([schoolId]);
  if (!school) problems.add('schoolId', text('no such school', '学校不存在'));
  return school ?? null;
}

/** A grade the school teaches (primary 1–6, junior 7–9, nine-year 1–9). */
export function checkGrade(school: SchoolSummary, grade: number, path: string, problems: Problems): void {
  const [first, last] = gradesOfStage(school.stage);
  if (!Number.isInteger(grade) || grade < first || grade > last)
    problems.add(
      path,
      text(
        `grade ${grade} is not taught at this school (${school.stage}: grades ${first}–${last})`,
        `该校（${school.stage}）设 ${first}–${last} 年级，没有 ${grade} 年级`,
      ),
    );
}

const VACATIONS: readonly string[] = [CalendarPeriodKind.WINTER_VACATION, CalendarPeriodKind.SUMMER_VACATION];

/** A day inside the term and outside the winter and summer vacations of the county's school calendar. */
export async function checkTermDay(
  reference: ReferenceFacade,
  term: string,
  date: string,
  path: string,
  problems: Problems,
): Promise<void> {
  const { from, to } = termBounds(term);
  if (date < from || date > to) {
    problems.add(
      path,
      text(`${date} is outside term ${term} (${from} – ${to})`, `${date} 不在 ${term} 学期内（${from} 至 ${to}）`),
    );
    return;
  }
  const vacation = (await reference.calendarPeriodsBetween(date, date)).find((p) => VACATIONS.includes(p.kind));
  if (vacation) problems.add(path, text(`${date} falls in the ${vacation.name}`, `${date} 处于${vacation.name}期间`));
}

/** Subjects: at least one, each non-blank, none twice (trimmed). */
export function cleanSubjects(subjects: readonly string[], path: string, problems: Problems): string[] {
  const clean = subjects.map((s) => s.trim());
  if (clean.length === 0) problems.add(path, text('at least one subject is required', '至少须有一个学科'));
  else if (clean.some((s) => s.length === 0)) problems.add(path, text('a subject is blank', '学科名称为空'));
  else if (new Set(clean).size !== clean.length) problems.add(path, text('a subject is listed twice', '学科重复列出'));
  return clean;
}

/** Results as the input gives them: aggregate figures, and any individual scores (always refused). */
export interface ResultsInputLike {
  participants: number;
  levelCounts: readonly { level: ExamResultLevel; count: number }[];
  form: ExamResultForm;
  ranked: boolean;
  rankingPublished: boolean;
  individualScores?: readonly unknown[] | null;
}

/**
 * Aggregate results only: no pupil's score (the service never stores one), each level once, the level
 * counts adding up to the participants; results given as levels need the level counts.
 */
export function checkResults(r: ResultsInputLike, path: string, problems: Problems): void {
  if (r.individualScores && r.individualScores.length > 0)
    problems.add(
      `${path}.individualScores`,
      text(
        'individual pupils’ scores are not recorded: give the aggregate results only',
        '不登记学生个人成绩，只登记汇总结果',
      ),
    );
  if (new Set(r.levelCounts.map((l) => l.level)).size !== r.levelCounts.length)
    problems.add(`${path}.levelCounts`, text('a level is listed twice', '等级重复列出'));
  if (r.form === ExamResultForm.LEVELS && r.levelCounts.length === 0)
    problems.add(
      `${path}.levelCounts`,
      text('results given as levels need the level counts', '等级评价须填写各等级人数'),
    );
  const sum = r.levelCounts.reduce((n, l) => n + l.count, 0);
  if (r.levelCounts.length > 0 && sum !== r.participants)
    problems.add(
      `${path}.levelCounts`,
      text(
        `the level counts add up to ${sum}, not the ${r.participants} participants`,
        `各等级人数合计 ${sum}，与参考人数 ${r.participants} 不符`,
      ),
    );
}
