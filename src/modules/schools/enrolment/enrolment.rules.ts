import { Text, text } from '../../../platform/i18n/text';
import { SchoolStage } from '../../reference';
import { AdmissionMethod, SchoolSector } from './enrolment.enums';
import { EntryGradePlaces } from './enrolment-plan.entity';

/** The county's enrolment calendar of a year (招生工作日程), which every school follows (公民同招). */
export interface EnrolmentCalendar {
  year: number;
  registrationStart: string;
  registrationEnd: string;
  admissionDate: string;
}

export interface PlanTerms {
  year: number;
  places: EntryGradePlaces[];
  registrationStart: string;
  registrationEnd: string;
  admissionDate: string;
  admissionMethod: AdmissionMethod;
  notes?: string | null;
}

export interface Finding {
  code: string;
  path: string;
  message: Text;
}

/** Entry grades (起始年级) a school of a stage enrols into. */
export function entryGradesOf(stage: SchoolStage): number[] {
  switch (stage) {
    case SchoolStage.PRIMARY:
      return [1];
    case SchoolStage.JUNIOR:
      return [7];
    default:
      return [1, 7];
  }
}

/**
 * Words of a selection by exam, test or interview (考试, 笔试, 面试, 测试, 测评, 选拔, 考核, 摸底, 竞赛, 证书):
 * a plan's notes that mention one describe admission by selection, which compulsory education forbids.
 */
const SELECTION_WORDS =
  /考试|笔试|面试|测试|测评|选拔|考核|摸底|竞赛|证书|入学考|\bexams?\b|\bexamination|\btests?\b|\btesting\b|\binterviews?\b|\bassessments?\b/i;

/** The selection wording in a text, or null. */
export function selectionWording(notes: string | null | undefined): string | null {
  const m = notes ? SELECTION_WORDS.exec(notes) : null;
  return m ? m[0] : null;
}

/** What breaks the form of a plan (grades, places, date order): VALIDATION_FAILED problems. */
export function planShapeProblems(stage: SchoolStage, p: PlanTerms): { path: string; message: Text }[] {
  const problems: { path: string; message: Text }[] = [];
  const allowed = entryGradesOf(stage);
  const seen = new Set<number>();
  p.places.forEach((g, i) => {
    if (!allowed.includes(g.grade))
      problems.push({
        path: `places.${i}.grade`,
        message: text(
          `must be an entry grade of the school (${allowed.join(' or ')})`,
          `须为该校的起始年级（${allowed.join('或')}）`,
        ),
      });
    if (seen.has(g.grade)) problems.push({ path: `places.${i}.grade`, message: text('is listed twice', '重复填写') });
    seen.add(g.grade);
  });
  if (p.places.length === 0)
    problems.push({ path: 'places', message: text('must list at least one entry grade', '至少填写一个起始年级') });
  if (p.registrationStart > p.registrationEnd)
    problems.push({
      path: 'registrationEnd',
      message: text('must not be before registrationStart', '不得早于报名开始日期'),
    });
  if (p.registrationEnd > p.admissionDate)
    problems.push({
      path: 'admissionDate',
      message: text('must not be before registrationEnd', '不得早于报名截止日期'),
    });
  for (const [path, day] of [
    ['registrationStart', p.registrationStart],
    ['registrationEnd', p.registrationEnd],
    ['admissionDate', p.admissionDate],
  ] as const)
    if (Number(day.slice(0, 4)) !== p.year)
      problems.push({ path, message: text(`must be in ${p.year}`, `须在${p.year}年内`) });
  return problems;
}

/**
 * The enrolment rules a plan must keep, given the school's sector, whether it has a service area for
 * the year and the county's calendar: same dates as the county (公民同招), no selection by exam, public
 * schools admit their service area (免试就近), private schools draw lots when oversubscribed (电脑随机录取).
 */
export function enrolmentRuleFindings(
  sector: SchoolSector,
  hasServiceArea: boolean,
  calendar: EnrolmentCalendar,
  p: PlanTerms,
): Finding[] {
  const findings: Finding[] = [];
  const differs = (['registrationStart', 'registrationEnd', 'admissionDate'] as const).filter(
    (f) => p[f] !== calendar[f],
  );
  for (const f of differs)
    findings.push({
      code: 'ENROLMENT_DATES_DIFFER',
      path: f,
      message: text(
        `must be the county's ${p.year} enrolment date ${calendar[f]}: public and private schools enrol at the same time`,
        `须与全县${p.year}年招生日程一致（${calendar[f]}）：公办民办学校同步招生（公民同招）`,
      ),
    });
  const wording = selectionWording(p.notes);
  if (wording)
    findings.push({
      code: 'ADMISSION_EXAM_FORBIDDEN',
      path: 'notes',
      message: text(
        `mentions "${wording}": compulsory-education schools admit without exams, tests or interviews`,
        `出现"${wording}"：义务教育学校一律免试入学，不得以考试、测试、面试等方式选拔学生`,
      ),
    });
  if (sector === SchoolSector.PUBLIC) {
    if (!hasServiceArea)
      findings.push({
        code: 'SERVICE_AREA_MISSING',
        path: 'schoolId',
        message: text(
          `the public school has no published service area for ${p.year}; the Education Bureau publishes it first`,
          `该公办学校尚无${p.year}年公布的服务范围，须先由教育局划定公布`,
        ),
      });
    if (p.admissionMethod !== AdmissionMethod.SERVICE_AREA)
      findings.push({
        code: 'ADMISSION_METHOD_NOT_ALLOWED',
        path: 'admissionMethod',
        message: text(
          'a public school admits the children of its service area without exams (SERVICE_AREA)',
          '公办学校须按服务范围免试就近入学（SERVICE_AREA）',
        ),
      });
  } else if (p.admissionMethod !== AdmissionMethod.LOTTERY_WHEN_OVERSUBSCRIBED) {
    findings.push({
      code: 'ADMISSION_METHOD_NOT_ALLOWED',
      path: 'admissionMethod',
      message: text(
        'a private school admits everyone when places suffice and by computer lottery when oversubscribed (LOTTERY_WHEN_OVERSUBSCRIBED)',
        '民办学校报名人数未超计划的全部录取，超过的实行电脑随机录取（LOTTERY_WHEN_OVERSUBSCRIBED）',
      ),
    });
  }
  return findings;
}
