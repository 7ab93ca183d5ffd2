import { Text, text } from '../../../platform/i18n/text';

/**
 * The national exam-management rules (教育部办公厅《关于加强义务教育学校考试管理的通知》, 2021) as pure
 * functions: what kind of exam a record is, and which rules a plan, an exam or its results break. The
 * services store each breach as an exam violation (finding); nothing here reads the database.
 */

/** What an exam is for and how often it recurs (考试类型). */
export enum ExamKind {
  END_OF_TERM = 'END_OF_TERM', // 期末考试
  MID_TERM = 'MID_TERM', // 期中考试
  UNIT_TEST = 'UNIT_TEST', // 单元考试
  WEEKLY_TEST = 'WEEKLY_TEST', // 周考
  MONTHLY_TEST = 'MONTHLY_TEST', // 月考
  SELECTION = 'SELECTION', // 选拔性考试（分班、招生、选拔）
}

/** How pupils are assessed (考试形式). */
export enum ExamFormat {
  PAPER = 'PAPER', // 纸笔考试
  NON_WRITTEN = 'NON_WRITTEN', // 非纸笔测评（游戏化、活动化、情境化）
}

/** Who set the exam (组织者): the school itself, or a region (乡镇/县统考). */
export enum ExamOrganiser {
  SCHOOL = 'SCHOOL', // 学校组织
  TOWNSHIP = 'TOWNSHIP', // 乡镇（学区）组织
  COUNTY = 'COUNTY', // 县级组织
}

/** How the results were given to pupils and parents (成绩呈现方式). */
export enum ExamResultForm {
  LEVELS = 'LEVELS', // 等级
  SCORES = 'SCORES', // 分数
}

/** The levels of a graded result (等级评价). */
export enum ExamResultLevel {
  EXCELLENT = 'EXCELLENT', // 优秀
  GOOD = 'GOOD', // 良好
  PASS = 'PASS', // 合格
  BELOW_PASS = 'BELOW_PASS', // 待合格
}

/** Which national rule a plan, an exam or its results break (考试管理违规类别). */
export enum ExamViolationKind {
  PAPER_EXAM_IN_GRADES_1_2 = 'PAPER_EXAM_IN_GRADES_1_2', // 一二年级纸笔考试
  EXTRA_END_OF_TERM_EXAM = 'EXTRA_END_OF_TERM_EXAM', // 期末考试超过一次
  MID_TERM_IN_PRIMARY = 'MID_TERM_IN_PRIMARY', // 小学组织期中考试
  EXTRA_MID_TERM_EXAM = 'EXTRA_MID_TERM_EXAM', // 初中期中考试超过一次
  ROUTINE_TEST = 'ROUTINE_TEST', // 周考、月考、单元考试
  SELECTION_EXAM = 'SELECTION_EXAM', // 选拔性考试
  RESULTS_AS_SCORES = 'RESULTS_AS_SCORES', // 以分数呈现成绩
  RESULTS_RANKED = 'RESULTS_RANKED', // 成绩排名
  RANKING_PUBLISHED = 'RANKING_PUBLISHED', // 公布成绩排名
}

export const EXAM_VIOLATION_KINDS = Object.values(ExamViolationKind);

/** School stages as the reference module names them, and the grades each teaches. */
const STAGE_GRADES: Record<string, readonly [number, number]> = {
  PRIMARY: [1, 6],
  JUNIOR: [7, 9],
  NINE_YEAR: [1, 9],
};

/** The first and last grade of a school stage (primary 1–6, junior 7–9, nine-year 1–9). */
export function gradesOfStage(stage: string): readonly [number, number] {
  return STAGE_GRADES[stage] ?? [1, 9];
}

export const TERM_PATTERN = /^\d{4}-[12]$/;

/**
 * The calendar span of a term, the after-school module's semesters: `YYYY-1` autumn from 1 August of YYYY
 * to 31 January of YYYY+1, `YYYY-2` spring from 1 February to 31 July of YYYY+1 (inclusive dates).
 */
export function termBounds(term: string): { from: string; to: string } {
  const year = Number(term.slice(0, 4));
  return term.endsWith('-1')
    ? { from: `${year}-08-01`, to: `${year + 1}-01-31` }
    : { from: `${year + 1}-02-01`, to: `${year + 1}-07-31` };
}

/** What the rules need to know of one exam (held or planned) for one grade. */
export interface ExamFacts {
  kind: ExamKind;
  format: ExamFormat;
  grade: number;
}

/** One broken rule: its kind, the grade concerned and what is wrong in both languages. */
export interface Breach {
  kind: ExamViolationKind;
  grade: number;
  message: Text;
}

const LOWER_GRADES_LAST = 2;
const PRIMARY_LAST = 6;

/**
 * The rules one exam breaks by itself, whatever else the school held: a paper-and-pencil exam in grades
 * 1–2, a weekly, monthly or unit test, an exam set for selection or admission, a mid-term in a primary grade.
 */
function ownBreaches(exam: ExamFacts): Breach[] {
  const g = exam.grade;
  const found: Breach[] = [];
  if (g <= LOWER_GRADES_LAST && exam.format === ExamFormat.PAPER)
    found.push({
      kind: ExamViolationKind.PAPER_EXAM_IN_GRADES_1_2,
      grade: g,
      message: text(`grade ${g}: no paper-and-pencil exams in grades 1–2`, `${g} 年级：一、二年级不得进行纸笔考试`),
    });
  if ([ExamKind.WEEKLY_TEST, ExamKind.MONTHLY_TEST, ExamKind.UNIT_TEST].includes(exam.kind))
    found.push({
      kind: ExamViolationKind.ROUTINE_TEST,
      grade: g,
      message: text(
        `grade ${g}: weekly, monthly and unit tests may not be organised by schools or regions (${exam.kind})`,
        `${g} 年级：学校和区域不得组织周考、月考、单元考试（${exam.kind}）`,
      ),
    });
  if (exam.kind === ExamKind.SELECTION)
    found.push({
      kind: ExamViolationKind.SELECTION_EXAM,
      grade: g,
      message: text(
        `grade ${g}: no exams may be set for selection or admission`,
        `${g} 年级：不得组织选拔性考试（含分班、招生考试）`,
      ),
    });
  if (exam.kind === ExamKind.MID_TERM && g > LOWER_GRADES_LAST && g <= PRIMARY_LAST)
    found.push({
      kind: ExamViolationKind.MID_TERM_IN_PRIMARY,
      grade: g,
      message: text(
        `grade ${g}: primary grades have one end-of-term exam and no mid-term`,
        `${g} 年级：小学每学期只组织一次期末考试，不得组织期中考试`,
      ),
    });
  return found;
}

/**
 * The count rules of grades 3–9: at most one end-of-term exam a term, and in junior grades (7–9) at most
 * one mid-term as well. `earlier` are the other exams of the same school, term and grade (before this one).
 */
function countBreaches(exam: ExamFacts, earlier: readonly { kind: ExamKind }[]): Breach[] {
  const g = exam.grade;
  if (g <= LOWER_GRADES_LAST) return [];
  const before = earlier.filter((e) => e.kind === exam.kind).length;
  if (exam.kind === ExamKind.END_OF_TERM && before >= 1)
    return [
      {
        kind: ExamViolationKind.EXTRA_END_OF_TERM_EXAM,
        grade: g,
        message: text(
          `grade ${g}: end-of-term exam number ${before + 1} this term; at most one is allowed`,
          `${g} 年级：本学期第 ${before + 1} 次期末考试，每学期至多一次`,
        ),
      },
    ];
  if (exam.kind === ExamKind.MID_TERM && g > PRIMARY_LAST && before >= 1)
    return [
      {
        kind: ExamViolationKind.EXTRA_MID_TERM_EXAM,
        grade: g,
        message: text(
          `grade ${g}: mid-term exam number ${before + 1} this term; junior-high grades may add one`,
          `${g} 年级：本学期第 ${before + 1} 次期中考试，初中每学期至多增加一次期中考试`,
        ),
      },
    ];
  return [];
}

/** The rules an exam held breaks, given the exams the school already recorded for that term and grade. */
export function examBreaches(exam: ExamFacts, earlier: readonly { kind: ExamKind }[]): Breach[] {
  return [...ownBreaches(exam), ...countBreaches(exam, earlier)];
}

/** One entry of a term's exam plan: an exam planned for one or more grades. */
export interface PlanEntryFacts {
  kind: ExamKind;
  format: ExamFormat;
  grades: readonly number[];
}

/**
 * The rules a term's exam plan breaks, entry by entry in order (an entry is counted against the entries
 * before it, grade by grade). Each breach names the index of the entry that broke it.
 */
export function planBreaches(entries: readonly PlanEntryFacts[]): (Breach & { entry: number })[] {
  const found: (Breach & { entry: number })[] = [];
  const seen = new Map<number, { kind: ExamKind }[]>();
  entries.forEach((entry, index) => {
    for (const grade of entry.grades) {
      const earlier = seen.get(grade) ?? [];
      for (const b of examBreaches({ kind: entry.kind, format: entry.format, grade }, earlier))
        found.push({ ...b, entry: index });
      seen.set(grade, [...earlier, { kind: entry.kind }]);
    }
  });
  return found;
}

/** How results were given, as the school reports it. */
export interface ResultFacts {
  form: ExamResultForm;
  ranked: boolean;
  rankingPublished: boolean;
}

/** The rules the handling of an exam's results breaks: grades (等级) only, never ranked, never published by rank. */
export function resultBreaches(grade: number, r: ResultFacts): Breach[] {
  const found: Breach[] = [];
  if (r.form === ExamResultForm.SCORES)
    found.push({
      kind: ExamViolationKind.RESULTS_AS_SCORES,
      grade,
      message: text(
        `grade ${grade}: results must be given as grades (等级), not scores`,
        `${grade} 年级：考试结果应实行等级评价，不得以分数呈现`,
      ),
    });
  if (r.ranked)
    found.push({
      kind: ExamViolationKind.RESULTS_RANKED,
      grade,
      message: text(`grade ${grade}: pupils may not be ranked by results`, `${grade} 年级：不得对学生进行成绩排名`),
    });
  if (r.rankingPublished)
    found.push({
      kind: ExamViolationKind.RANKING_PUBLISHED,
      grade,
      message: text(
        `grade ${grade}: results may not be published by rank`,
        `${grade} 年级：不得公布学生考试成绩和排名`,
      ),
    });
  return found;
}
