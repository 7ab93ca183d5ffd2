import { Principal, UserPrincipal, hasRole } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';
import { ScopeColumns, ScopeOptions } from '../../platform/auth/scope';
import { Forbidden } from '../../platform/errors/domain-error';
import { text } from '../../platform/i18n/text';

/**
 * Who does what with credit records and list entries:
 * - read: the county office, discipline supervisors, every department officer and inspector (county-wide:
 *   departments act on the lists), township officers for their township;
 * - record a violation or commendation by hand: the county office, department officers, inspectors;
 * - propose an entry or its removal: the county office and department officers of any department (市场监管,
 *   消防 … find the facts);
 * - approve or reject (the second step): the county office or an Education Bureau (EDU, the leading-group
 *   office) officer, never the proposer; revoke a record: the same.
 */
export const READER_ROLES = [
  Role.COUNTY_ADMIN,
  Role.DISCIPLINE_SUPERVISOR,
  Role.DEPARTMENT_OFFICER,
  Role.INSPECTOR,
  Role.TOWNSHIP_OFFICER,
];
export const RECORDER_ROLES = [Role.COUNTY_ADMIN, Role.DEPARTMENT_OFFICER, Role.INSPECTOR];
export const PROPOSER_ROLES = [Role.COUNTY_ADMIN, Role.DEPARTMENT_OFFICER];
export const APPROVER_ROLES = [Role.COUNTY_ADMIN, Role.DEPARTMENT_OFFICER];
const APPROVING_DEPARTMENT = 'EDU';

export const READ_SCOPE: ScopeOptions = { countyWide: [Role.DEPARTMENT_OFFICER, Role.INSPECTOR] };
export const scopeColumns = (alias: string): ScopeColumns => ({ township: `${alias}.township_code` });

export function assertReader(actor: Principal): void {
  if (actor.kind === 'system') return;
  if (!hasRole(actor, ...READER_ROLES)) throw new Forbidden();
}

export function assertRecorder(actor: Principal): asserts actor is UserPrincipal {
  if (!hasRole(actor, ...RECORDER_ROLES))
    throw new Forbidden(
      text(
        'Only the county office, department officers and inspectors record credit',
        '只有县级管理部门、部门工作人员和检查人员可以登记信用记录',
      ),
    );
}

export function assertProposer(actor: Principal): void {
  if (actor.kind === 'system') return;
  if (!hasRole(actor, ...PROPOSER_ROLES))
    throw new Forbidden(
      text(
        'Only the county office and department officers propose list entries',
        '只有县级管理部门和部门工作人员可以提议名单条目',
      ),
    );
}

export function isApprover(actor: Principal): actor is UserPrincipal {
  if (actor.kind !== 'user') return false;
  return (
    actor.role === Role.COUNTY_ADMIN ||
    (actor.role === Role.DEPARTMENT_OFFICER && actor.departmentCode === APPROVING_DEPARTMENT)
  );
}

export function assertApprover(actor: Principal): asserts actor is UserPrincipal {
  if (!isApprover(actor))
    throw new Forbidden(
      text(
        'Only the county office or an Education Bureau officer decides on list entries',
        '只有县级管理部门或教育局工作人员可以审定名单条目',
      ),
    );
}

export { actorName } from '../../platform/auth/principal';

export const actorUserId = (actor: Principal): string | null => (actor.kind === 'user' ? actor.userId : null);
