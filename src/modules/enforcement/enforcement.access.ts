import { Principal } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';
import { ScopeColumns, ScopeOptions } from '../../platform/auth/scope';
import { notDecidingDepartment, notPenaltyDepartment } from './enforcement.errors';

/**
 * Who may do what with penalty decisions. Reads: the county office and the discipline supervisors
 * (county-wide), department officers and inspectors (county-wide, as for the registry: penalties are
 * public acts), township officers their township's. Records (decide, carry out, withdraw): the county
 * office, and officers of a department with penalty powers over off-campus training — the departments
 * holding one of PENALTY_DUTIES in the county reference data (教育局 LICENSING; 市场监管局 for-profit
 * registration, advertising, pricing; 人社局 vocational institutions; 民政局 non-profit registration; 综合
 * 行政执法局 illegal ads) — for their own department's decisions only.
 */
export const READ_ROLES = [
  Role.COUNTY_ADMIN,
  Role.DISCIPLINE_SUPERVISOR,
  Role.DEPARTMENT_OFFICER,
  Role.INSPECTOR,
  Role.TOWNSHIP_OFFICER,
];
export const RECORD_ROLES = [Role.COUNTY_ADMIN, Role.DEPARTMENT_OFFICER];

/** Duties (reference department_duty) that carry the power to penalise off-campus training (MOE Order No. 53 art. 4). */
export const PENALTY_DUTIES = [
  'LICENSING',
  'FOR_PROFIT_REGISTRATION',
  'ADVERTISING',
  'PRICING_FRAUD',
  'VOCATIONAL_INSTITUTIONS',
  'NON_PROFIT_REGISTRATION',
  'ILLEGAL_ADS',
] as const;

export const PENALTY_SCOPE: { columns: ScopeColumns; options: ScopeOptions } = {
  columns: { township: 'p.township_code' },
  options: { countyWide: [Role.DEPARTMENT_OFFICER, Role.INSPECTOR] },
};

/** Refuses anyone but the county office or an officer of a penalty department (before any record is read). */
export function assertPenaltyRecorder(actor: Principal, penaltyDepartments: readonly string[]): void {
  if (actor.kind === 'system') return;
  if (actor.kind === 'user' && actor.role === Role.COUNTY_ADMIN) return;
  if (
    actor.kind === 'user' &&
    actor.role === Role.DEPARTMENT_OFFICER &&
    actor.departmentCode &&
    penaltyDepartments.includes(actor.departmentCode)
  )
    return;
  throw notPenaltyDepartment();
}

/** Refuses a department officer acting on another department's decision (the county office records any). */
export function assertDecidingDepartment(actor: Principal, decidingDepartmentCode: string): void {
  if (actor.kind === 'system') return;
  if (actor.kind === 'user' && actor.role === Role.COUNTY_ADMIN) return;
  if (
    actor.kind === 'user' &&
    actor.role === Role.DEPARTMENT_OFFICER &&
    actor.departmentCode === decidingDepartmentCode
  )
    return;
  throw notDecidingDepartment();
}
