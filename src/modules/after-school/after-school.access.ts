import { Principal, hasRole } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';
import { ScopeColumns, ScopeOptions } from '../../platform/auth/scope';
import { Forbidden } from '../../platform/errors/domain-error';
import { schoolNotFound } from '../reference';
import { text } from '../../platform/i18n/text';

/** Every after-school row carries its school and the school's township. */
export const scopeColumns = (alias: string): ScopeColumns => ({
  school: `${alias}.school_id`,
  township: `${alias}.township_code`,
});

/** Department officers reading the county's after-school records, by what they read. */
export const READERS = {
  /** Plans, participation, homework, family education: the Education Bureau. */
  records: ['EDU'],
  /** Funding statements and fees: also finance and development-reform (fee policy). */
  funding: ['EDU', 'FINANCE', 'DEVELOPMENT_REFORM'],
  /** Teacher participation hours: also human resources (performance pay and titles). */
  teacherHours: ['EDU', 'HUMAN_RESOURCES'],
  /** County-wide KPIs: every department officer. */
  kpis: 'any',
} as const;

/**
 * Scope options for a read: county roles see all, township officers their township, school
 * administrators their school (applyScope does these); department officers of the listed departments
 * read county-wide, other officers nothing (the rows have no department column).
 */
export function readOptions(actor: Principal, departments: readonly string[] | 'any'): ScopeOptions {
  if (!hasRole(actor, Role.DEPARTMENT_OFFICER)) return {};
  const allowed =
    departments === 'any' || (actor.departmentCode !== undefined && departments.includes(actor.departmentCode));
  return allowed ? { countyWide: [Role.DEPARTMENT_OFFICER] } : {};
}

/** Only the school's own administrator writes its after-school records; another school is "not found". */
export function assertOwnSchool(actor: Principal, schoolId: string): void {
  if (!hasRole(actor, Role.SCHOOL_ADMIN))
    throw new Forbidden(text('Only the school administrator records this', '只有学校管理员可以登记此项'));
  if (actor.schoolId !== schoolId) throw schoolNotFound(schoolId);
}

/** Plans are approved or returned by the Education Bureau (an EDU officer or the county office). */
export function assertPlanReviewer(actor: Principal): void {
  if (
    actor.kind === 'user' &&
    (actor.role === Role.COUNTY_ADMIN || (actor.role === Role.DEPARTMENT_OFFICER && actor.departmentCode === 'EDU'))
  )
    return;
  throw new Forbidden(
    text(
      'Only the Education Bureau (EDU) approves or returns after-school plans',
      '只有教育局（EDU）可以审批或退回课后服务方案',
    ),
  );
}

/** Fee standards are approved by development-reform (fee policy) or the county office. */
export function assertFeeStandardApprover(actor: Principal): void {
  if (
    actor.kind === 'user' &&
    (actor.role === Role.COUNTY_ADMIN ||
      (actor.role === Role.DEPARTMENT_OFFICER && actor.departmentCode === 'DEVELOPMENT_REFORM'))
  )
    return;
  throw new Forbidden(
    text(
      'Only development-reform (DEVELOPMENT_REFORM) approves after-school fee standards',
      '只有发展改革部门（DEVELOPMENT_REFORM）可以审批课后服务收费标准',
    ),
  );
}
