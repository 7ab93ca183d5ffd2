import { Conflict, DomainError, NotFound } from '../../platform/errors/domain-error';
import { Text, joinTexts, text } from '../../platform/i18n/text';

export const qualityRoundPublished = (year: number, grade: number): Conflict =>
  new Conflict(
    'QUALITY_ROUND_PUBLISHED',
    text(
      `The ${year} grade-${grade} monitoring round is published; its results no longer change`,
      `${year}年${grade}年级学业质量监测结果已发布，不能再修改`,
    ),
  );

export const qualityRoundEmpty = (year: number, grade: number): Conflict =>
  new Conflict(
    'QUALITY_ROUND_EMPTY',
    text(
      `No results are recorded for the ${year} grade-${grade} monitoring round`,
      `${year}年${grade}年级学业质量监测尚无结果`,
    ),
  );

export const enrolmentCalendarMissing = (year: number): DomainError =>
  new DomainError(
    'ENROLMENT_CALENDAR_MISSING',
    text(
      `The county's ${year} enrolment calendar is not set; the Education Bureau sets it first`,
      `全县${year}年招生日程尚未设定，须先由教育局设定`,
    ),
    400,
    [{ path: 'year', message: text('has no county enrolment calendar', '尚无全县招生日程') }],
  );

export const enrolmentPlanNotFound = (id: string): NotFound =>
  new NotFound(text(`Enrolment plan ${id}`, `招生计划 ${id}`), 'ENROLMENT_PLAN_NOT_FOUND');

const PLAN_ACTIONS = { changed: '修改', reviewed: '审核' } as const;

export const enrolmentPlanStatusConflict = (status: string, action: keyof typeof PLAN_ACTIONS): Conflict =>
  new Conflict(
    'ENROLMENT_PLAN_STATUS_CONFLICT',
    text(
      `An enrolment plan in status ${status} cannot be ${action}`,
      `状态为 ${status} 的招生计划不能${PLAN_ACTIONS[action]}`,
    ),
  );

export const serviceAreaForPrivateSchool = (): DomainError =>
  new DomainError(
    'SERVICE_AREA_NOT_FOR_PRIVATE',
    text(
      'A private school has no service area: it enrols county-wide, by lottery when oversubscribed',
      '民办学校不划定服务范围：面向全县招生，报名超计划的电脑随机录取',
    ),
    400,
    [{ path: 'schoolId', message: text('is a private school', '为民办学校') }],
  );

export const sectorHasServiceArea = (): Conflict =>
  new Conflict(
    'SCHOOL_HAS_SERVICE_AREA',
    text(
      'The school has a published service area; remove it before recording the school as private',
      '该校已公布服务范围，改为民办学校前须先撤销其服务范围',
    ),
  );

/**
 * A plan breaks enrolment rules: the code is the first broken rule's (ENROLMENT_DATES_DIFFER,
 * ADMISSION_EXAM_FORBIDDEN, SERVICE_AREA_MISSING, ADMISSION_METHOD_NOT_ALLOWED), every broken rule is in `errors`.
 */
export const enrolmentRulesBroken = (findings: { code: string; path: string; message: Text }[]): DomainError =>
  new DomainError(
    findings[0]!.code,
    text(
      `The enrolment plan breaks the enrolment rules: ${joinTexts(findings.map((f) => f.message)).en}`,
      `招生计划不符合招生入学规定：${joinTexts(findings.map((f) => f.message)).zh}`,
    ),
    400,
    findings.map(({ path, message }) => ({ path, message })),
  );
