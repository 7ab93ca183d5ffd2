import { Principal, hasRole } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';
import { ScopeColumns, ScopeOptions } from '../../platform/auth/scope';
import { Forbidden } from '../../platform/errors/domain-error';
import { notManager } from './escrow.errors';
import { text } from '../../platform/i18n/text';

/** Departments whose officers manage escrow accounts besides the county office (县金融办, 县教育局). */
export const MANAGING_DEPARTMENTS = ['FINANCIAL_OFFICE', 'EDU'];

/** Department officers and inspectors read every account; township officers their township's. */
export const READ_SCOPE: ScopeOptions = { countyWide: [Role.DEPARTMENT_OFFICER, Role.INSPECTOR] };
export const accountScope = (alias: string): ScopeColumns => ({ township: `${alias}.township_code` });

export const READER_ROLES = [
  Role.COUNTY_ADMIN,
  Role.DISCIPLINE_SUPERVISOR,
  Role.DEPARTMENT_OFFICER,
  Role.INSPECTOR,
  Role.TOWNSHIP_OFFICER,
];
export const MANAGER_ROLES = [Role.COUNTY_ADMIN, Role.DEPARTMENT_OFFICER];

export function canManage(actor: Principal): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind !== 'user') return false;
  if (actor.role === Role.COUNTY_ADMIN) return true;
  return actor.role === Role.DEPARTMENT_OFFICER && MANAGING_DEPARTMENTS.includes(actor.departmentCode ?? '');
}

export function assertManager(actor: Principal): void {
  if (!canManage(actor)) throw notManager();
}

export function assertReader(actor: Principal): void {
  if (actor.kind === 'system') return;
  if (!hasRole(actor, ...READER_ROLES)) throw new Forbidden();
}

/** Instructions to banks are the county office's (and the service's, for a black-list entry). */
export function assertInstructor(actor: Principal): void {
  if (actor.kind === 'system' || hasRole(actor, Role.COUNTY_ADMIN)) return;
  throw new Forbidden(
    text('Only the county office issues instructions to banks', '只有县级管理部门可以向银行发出指令'),
  );
}
