import { Principal, hasRole } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';
import { ScopeColumns, ScopeOptions } from '../../platform/auth/scope';
import { Forbidden } from '../../platform/errors/domain-error';
import { text } from '../../platform/i18n/text';
import { schoolNotFound } from '../reference';

/** Rows of the schools module carry their school and the school's township. */
export const scopeColumns = (alias: string): ScopeColumns => ({
  school: `${alias}.school_id`,
  township: `${alias}.township_code`,
});

/** The department that keeps school records (教育局). */
export const EDU = 'EDU';

/** Whether the actor acts for the Education Bureau: an EDU officer or the county office. */
export const isEduActor = (actor: Principal): boolean =>
  actor.kind === 'user' &&
  (actor.role === Role.COUNTY_ADMIN || (actor.role === Role.DEPARTMENT_OFFICER && actor.departmentCode === EDU));

/**
 * Scope of a read: county roles see all, township officers their township, school administrators their
 * school (applyScope does these); EDU officers county-wide, other department officers and inspectors nothing.
 */
export function readOptions(actor: Principal): ScopeOptions {
  if (hasRole(actor, Role.DEPARTMENT_OFFICER) && actor.kind === 'user' && actor.departmentCode === EDU)
    return { countyWide: [Role.DEPARTMENT_OFFICER] };
  return {};
}

/** Monitoring results, rounds, calendars, sectors, service areas and plan reviews: the Education Bureau. */
export function assertEdu(actor: Principal, what: { en: string; zh: string }): void {
  if (isEduActor(actor)) return;
  throw new Forbidden(text(`Only the Education Bureau (EDU) ${what.en}`, `只有教育局（EDU）可以${what.zh}`));
}

/** A school's enrolment plan is recorded by that school's administrator; another school is "not found". */
export function assertOwnSchool(actor: Principal, schoolId: string): void {
  if (!hasRole(actor, Role.SCHOOL_ADMIN))
    throw new Forbidden(
      text('Only the school administrator records its enrolment plan', '只有学校管理员可以填报本校招生计划'),
    );
  if (actor.kind !== 'user' || actor.schoolId !== schoolId) throw schoolNotFound(schoolId);
}
