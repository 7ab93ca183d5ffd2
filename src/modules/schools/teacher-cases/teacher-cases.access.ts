import { Principal, hasRole } from '../../../platform/auth/principal';
import { Role } from '../../../platform/auth/role';
import { ScopeColumns, ScopeOptions } from '../../../platform/auth/scope';
import { notTeacherCaseDecider } from './teacher-cases.errors';

/** The department that decides teacher cases (教育局): its officers read and decide every case. */
export const DECIDING_DEPARTMENT = 'EDU';
/** The department a SANCTION_REFERRED case goes to (纪委监委): its officers read the cases referred to it. */
export const DISCIPLINE_DEPARTMENT = 'DISCIPLINE';

/** Roles that read teacher cases (scope per role below); the GraphQL `@Roles` of every read. */
export const TEACHER_CASE_READERS = [
  Role.COUNTY_ADMIN,
  Role.DEPARTMENT_OFFICER,
  Role.DISCIPLINE_SUPERVISOR,
  Role.SCHOOL_ADMIN,
  Role.TOWNSHIP_OFFICER,
] as const;

/**
 * A case carries its school and township; its "department" is DISCIPLINE once referred there, else none.
 * So: COUNTY_ADMIN and DISCIPLINE_SUPERVISOR see all (applyScope), EDU officers all (readOptions), DISCIPLINE
 * officers the referred cases, other departments nothing, township officers their township, school
 * administrators their school.
 */
export const scopeColumns = (alias: string): ScopeColumns => ({
  school: `${alias}.school_id`,
  township: `${alias}.township_code`,
  department: `(CASE WHEN ${alias}.outcome = 'SANCTION_REFERRED' THEN '${DISCIPLINE_DEPARTMENT}' END)`,
});

export function readOptions(actor: Principal): ScopeOptions {
  return isDecider(actor) ? { countyWide: [Role.DEPARTMENT_OFFICER] } : {};
}

function isDecider(actor: Principal): boolean {
  if (!hasRole(actor, Role.COUNTY_ADMIN, Role.DEPARTMENT_OFFICER)) return false;
  return actor.role === Role.COUNTY_ADMIN || actor.departmentCode === DECIDING_DEPARTMENT;
}

/** Opening a case from a complaint and recording an outcome: EDU officers and the county office. */
export function assertDecider(actor: Principal): void {
  if (!isDecider(actor)) throw notTeacherCaseDecider();
}
