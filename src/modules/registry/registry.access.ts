import { Principal } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';
import { ScopeColumns, ScopeOptions } from '../../platform/auth/scope';
import { Forbidden } from '../../platform/errors/domain-error';
import { Text, text } from '../../platform/i18n/text';

/**
 * Who may do what in the registry. Reads: county administrators, discipline supervisors, department
 * officers and inspectors see the whole county (an overview); township officers their township;
 * school administrators nothing. Commands: county administrators and officers of the licensing
 * department (the department holding the LICENSING duty, EDU in Xifeng); a premises check may also be
 * recorded, and an enrolment ad reviewed, by an officer of the department holding that duty
 * (DUTY_OF_CHECK, ADVERTISING_DUTY). Leads: those, plus township officers in their own township.
 * Institution administrators (机构端) read their own institution's record (with its premises, staff, courses,
 * materials and reviews) and nothing else of the registry: no leads, staff bars, checklists or dashboard.
 */
export const READ_ROLES = [
  Role.COUNTY_ADMIN,
  Role.DISCIPLINE_SUPERVISOR,
  Role.DEPARTMENT_OFFICER,
  Role.INSPECTOR,
  Role.TOWNSHIP_OFFICER,
];
/** `institutions` and `institution`: the readers, and an institution administrator (its own record only). */
export const INSTITUTION_READ_ROLES = [...READ_ROLES, Role.INSTITUTION_ADMIN];
export const COMMAND_ROLES = [Role.COUNTY_ADMIN, Role.DEPARTMENT_OFFICER];
export const LEAD_ROLES = [Role.COUNTY_ADMIN, Role.DEPARTMENT_OFFICER, Role.TOWNSHIP_OFFICER];

export const INSTITUTION_SCOPE: { columns: ScopeColumns; options: ScopeOptions } = {
  columns: { township: 'i.township_code', institution: 'i.id' },
  options: { countyWide: [Role.DEPARTMENT_OFFICER, Role.INSPECTOR] },
};

export const LEAD_SCOPE: { columns: ScopeColumns; options: ScopeOptions } = {
  columns: { township: 'l.township_code' },
  options: { countyWide: [Role.DEPARTMENT_OFFICER, Role.INSPECTOR] },
};

/** Refuses anyone but a county administrator or an officer of a licensing department (or the system). */
export function assertLicensingOfficer(actor: Principal, licensingDepartments: readonly string[]): void {
  if (actor.kind === 'system') return;
  if (actor.kind !== 'user') throw new Forbidden();
  if (actor.role === Role.COUNTY_ADMIN) return;
  if (
    actor.role === Role.DEPARTMENT_OFFICER &&
    actor.departmentCode &&
    licensingDepartments.includes(actor.departmentCode)
  )
    return;
  throw new Forbidden(
    text(
      'Only the county office or the licensing department (审批部门) may do this',
      '只有县级管理部门或审批部门可以进行此操作',
    ),
  );
}

/** The duty (reference department_duty) whose holder records each premises check: 住建局, 消防救援, 卫健局. */
export const DUTY_OF_CHECK = {
  FIRE_DESIGN_REVIEW: 'FIRE_DESIGN_REVIEW',
  FIRE_ACCEPTANCE: 'FIRE_DESIGN_REVIEW',
  FIRE_INSPECTION: 'FIRE_SAFETY',
  HEALTH_INSPECTION: 'HEALTH_SUPERVISION',
} as const;

/** The duty whose holder (市场监管局) reviews enrolment ads (招生广告). */
export const ADVERTISING_DUTY = 'ADVERTISING';

/**
 * Refuses anyone but a county administrator, an officer of a licensing department, or an officer of a
 * department holding `duty` (the departments in `dutyDepartments`); `what` names the act in the refusal.
 */
export function assertLicensingOrDutyOfficer(
  actor: Principal,
  licensingDepartments: readonly string[],
  duty: string,
  dutyDepartments: readonly string[],
  what: Text,
): void {
  if (actor.kind === 'system') return;
  if (actor.kind !== 'user') throw new Forbidden();
  if (actor.role === Role.COUNTY_ADMIN) return;
  const department = actor.role === Role.DEPARTMENT_OFFICER ? actor.departmentCode : null;
  if (department && (licensingDepartments.includes(department) || dutyDepartments.includes(department))) return;
  throw new Forbidden(
    text(
      `Only the county office, the licensing department (审批部门) or a department with the ${duty} duty may ${what.en}`,
      `只有县级管理部门、审批部门或负有 ${duty} 职责的部门可以${what.zh}`,
    ),
  );
}

/** Lead handling: the licensing officers everywhere, a township officer in their township (null: everywhere). */
export function leadTownshipOf(actor: Principal, licensingDepartments: readonly string[]): string | null {
  if (actor.kind === 'user' && actor.role === Role.TOWNSHIP_OFFICER) {
    if (!actor.townshipCode) throw new Forbidden();
    return actor.townshipCode;
  }
  assertLicensingOfficer(actor, licensingDepartments);
  return null;
}
