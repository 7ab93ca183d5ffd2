import { Principal } from '../../../platform/auth/principal';
import { Role } from '../../../platform/auth/role';
import { ScopeColumns, ScopeOptions } from '../../../platform/auth/scope';
import { Forbidden } from '../../../platform/errors/domain-error';
import { text } from '../../../platform/i18n/text';

/** Every exam row carries its school and the school's township. */
export const examScopeColumns = (alias: string): ScopeColumns => ({
  school: `${alias}.school_id`,
  township: `${alias}.township_code`,
});

/**
 * Departments whose officers and inspectors read every school's exams: the Education Bureau, which
 * records and leads the exam inspections, and the education inspection office (督导室), which co-operates.
 */
export const EXAM_READER_DEPARTMENTS: readonly string[] = ['EDU', 'INSPECTION_OFFICE'];

/**
 * Scope of a read: the county office and the discipline supervisor everything, EDU and the inspection
 * office county-wide, township officers their township's schools, a school administrator their school
 * (applyScope does these); officers of other departments nothing (the rows have no department column).
 */
export function examReadOptions(actor: Principal): ScopeOptions {
  if (actor.kind !== 'user' || (actor.role !== Role.DEPARTMENT_OFFICER && actor.role !== Role.INSPECTOR)) return {};
  return actor.departmentCode !== undefined && EXAM_READER_DEPARTMENTS.includes(actor.departmentCode)
    ? { countyWide: [actor.role] }
    : {};
}

/** Who records exam plans, exams and results: a school administrator (their own school) or an EDU officer. */
export function assertExamWriter(actor: Principal): void {
  if (actor.kind === 'user' && actor.role === Role.SCHOOL_ADMIN) return;
  if (actor.kind === 'user' && actor.role === Role.DEPARTMENT_OFFICER && actor.departmentCode === 'EDU') return;
  throw new Forbidden(
    text(
      'Only the school administrator or the Education Bureau (EDU) records exams',
      '只有学校管理员或教育局（EDU）可以登记考试',
    ),
  );
}
