import { Principal, hasRole } from '../../../platform/auth/principal';
import { Role } from '../../../platform/auth/role';
import { ScopeColumns, ScopeOptions } from '../../../platform/auth/scope';
import { schoolNotFound } from '../../reference';
import { burdenDisputerOnly, burdenRecorderOnly } from './teacher-burden.errors';

/** Departments whose officers and inspectors read every school's teacher-burden demands. */
export const BURDEN_OVERSEERS = ['EDU', 'INSPECTION_OFFICE'] as const;

/**
 * A demand carries its school, the school's township and the requesting department: township officers read
 * their township's, school administrators their school's, and a department's officers the demands their
 * department made.
 */
export const scopeColumns = (alias: string): ScopeColumns => ({
  school: `${alias}.school_id`,
  township: `${alias}.township_code`,
  department: `${alias}.requester_department_code`,
});

/** EDU and the inspection office (officers and inspectors) read county-wide; the rest by scopeColumns. */
export function readOptions(actor: Principal): ScopeOptions {
  if (!hasRole(actor, Role.DEPARTMENT_OFFICER, Role.INSPECTOR)) return {};
  const overseer = (BURDEN_OVERSEERS as readonly string[]).includes(actor.departmentCode ?? '');
  return overseer ? { countyWide: [actor.role] } : {};
}

/** Only the school's own administrator records or withdraws its demands; another school is "not found". */
export function assertOwnSchool(actor: Principal, schoolId: string): void {
  if (!hasRole(actor, Role.SCHOOL_ADMIN)) throw burdenRecorderOnly();
  if (actor.schoolId !== schoolId) throw schoolNotFound(schoolId);
}

/** The county decides whether an approval holds: the county office, the inspection office's officers and inspectors. */
export function assertCanDispute(actor: Principal): void {
  if (actor.kind !== 'user') throw burdenDisputerOnly();
  if (actor.role === Role.COUNTY_ADMIN) return;
  const inspectionOffice =
    (actor.role === Role.DEPARTMENT_OFFICER || actor.role === Role.INSPECTOR) &&
    actor.departmentCode === 'INSPECTION_OFFICE';
  if (!inspectionOffice) throw burdenDisputerOnly();
}
