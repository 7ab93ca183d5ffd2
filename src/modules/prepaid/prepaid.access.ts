import { Principal } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';
import { ScopeColumns, ScopeOptions } from '../../platform/auth/scope';
import { notContractWriter } from './prepaid.errors';

/** The department that registers contracts on an institution's behalf (paper contracts) besides the county office. */
export const WRITING_DEPARTMENT = 'EDU';

/** Everyone who reads contracts, each within scope (see CONTRACT_SCOPE). */
export const READER_ROLES = [
  Role.COUNTY_ADMIN,
  Role.DISCIPLINE_SUPERVISOR,
  Role.DEPARTMENT_OFFICER,
  Role.INSPECTOR,
  Role.TOWNSHIP_OFFICER,
  Role.INSTITUTION_ADMIN,
];
export const WRITER_ROLES = [Role.COUNTY_ADMIN, Role.DEPARTMENT_OFFICER, Role.INSTITUTION_ADMIN];

/**
 * Jurisdiction of a contract (and of its lessons and refunds, which carry the same columns through the
 * contract): an institution administrator its own institution's, department officers and inspectors the
 * institutions of their competent department (the financial office all: readScope), township officers
 * their township's, county roles all.
 */
export const contractScope = (alias: string): ScopeColumns => ({
  institution: `${alias}.institution_id`,
  township: `${alias}.township_code`,
  department: `${alias}.competent_department_code`,
});

/** The financial office (县金融办) supervises prepaid funds county-wide, as it does escrow accounts. */
export const FUNDS_DEPARTMENT = 'FINANCIAL_OFFICE';

/**
 * Scope options of the read paths (contracts, lessons, refunds, releases): officers and inspectors of the
 * financial office read every institution's; everyone else as contractScope says.
 */
export function readScope(actor: Principal): ScopeOptions {
  if (actor.kind === 'user' && actor.departmentCode === FUNDS_DEPARTMENT)
    if (actor.role === Role.DEPARTMENT_OFFICER || actor.role === Role.INSPECTOR) return { countyWide: [actor.role] };
  return {};
}

/** Who may register contracts and record lessons for this institution. */
export function assertContractWriter(
  actor: Principal,
  institution: { id: string; competentDepartmentCode: string },
): void {
  if (actor.kind === 'system') return;
  // A partner platform registers the contracts institutions sell through it (docs/platform-api.md).
  if (actor.kind === 'platform') return;
  if (actor.kind !== 'user') throw notContractWriter();
  if (actor.role === Role.COUNTY_ADMIN) return;
  if (actor.role === Role.INSTITUTION_ADMIN && actor.institutionId === institution.id) return;
  if (
    actor.role === Role.DEPARTMENT_OFFICER &&
    actor.departmentCode === WRITING_DEPARTMENT &&
    institution.competentDepartmentCode === WRITING_DEPARTMENT
  )
    return;
  throw notContractWriter();
}

/** The role-level part of the writer rule, checked before any lookup: a department officer outside EDU never writes. */
export function assertMayWrite(actor: Principal): void {
  if (actor.kind === 'system' || actor.kind === 'platform') return;
  if (actor.kind !== 'user') throw notContractWriter();
  if (actor.role === Role.COUNTY_ADMIN || actor.role === Role.INSTITUTION_ADMIN) return;
  if (actor.role === Role.DEPARTMENT_OFFICER && actor.departmentCode === WRITING_DEPARTMENT) return;
  throw notContractWriter();
}
