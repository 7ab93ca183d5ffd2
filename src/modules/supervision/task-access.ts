import { Principal, UserPrincipal } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';
import { Forbidden } from '../../platform/errors/domain-error';

/** The fields of a task (or rectification order) that decide who may see and act on it. */
export interface TaskAccessFacts {
  leadDepartmentCode: string;
  cooperatingDepartmentCodes: readonly string[];
  assigneeIds: readonly string[];
  townshipCode: string | null;
}

/**
 * Who sees a task: the county office and discipline supervisors everything; inspectors and department
 * officers the tasks of their department (lead or co-operating) and those assigned to them; township
 * officers the tasks in their township; nobody else.
 */
export function canReadTask(actor: Principal, t: TaskAccessFacts): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind !== 'user') return false;
  switch (actor.role) {
    case Role.COUNTY_ADMIN:
    case Role.DISCIPLINE_SUPERVISOR:
      return true;
    case Role.DEPARTMENT_OFFICER:
    case Role.INSPECTOR:
      return (
        t.assigneeIds.includes(actor.userId) ||
        (!!actor.departmentCode && (t.leadDepartmentCode === actor.departmentCode || t.cooperatingDepartmentCodes.includes(actor.departmentCode)))
      );
    case Role.TOWNSHIP_OFFICER:
      return !!actor.townshipCode && t.townshipCode === actor.townshipCode;
    default:
      return false;
  }
}

const user = (actor: Principal, ...roles: Role[]): UserPrincipal | null => (actor.kind === 'user' && roles.includes(actor.role) ? actor : null);

/** The same rule as SQL over a `supervision_task` alias (parameters prefixed `__s_`). */
export function taskScopeSql(actor: Principal, alias: string): { sql: string; params: Record<string, unknown> } {
  if (actor.kind === 'system' || user(actor, Role.COUNTY_ADMIN, Role.DISCIPLINE_SUPERVISOR)) return { sql: 'TRUE', params: {} };
  const officer = user(actor, Role.DEPARTMENT_OFFICER, Role.INSPECTOR);
  if (officer) {
    return {
      sql: `(${alias}.lead_department_code = :__s_dept OR :__s_dept = ANY(${alias}.cooperating_department_codes) OR CAST(:__s_user AS uuid) = ANY(${alias}.assignee_ids))`,
      params: { __s_dept: officer.departmentCode ?? '', __s_user: officer.userId },
    };
  }
  const township = user(actor, Role.TOWNSHIP_OFFICER);
  if (township?.townshipCode) return { sql: `${alias}.township_code = :__s_township`, params: { __s_township: township.townshipCode } };
  return { sql: 'FALSE', params: {} };
}

/** Managing (create, accept, return, close, cancel, orders): the county office, or officers of the lead department. */
export function assertCanManage(actor: Principal, leadDepartmentCode: string): void {
  if (actor.kind === 'system' || user(actor, Role.COUNTY_ADMIN)) return;
  if (user(actor, Role.DEPARTMENT_OFFICER)?.departmentCode === leadDepartmentCode) return;
  throw new Forbidden(`Only the county office or officers of ${leadDepartmentCode} (the lead department) may manage this task`);
}

/** Doing the work (start, submit, record findings): the assignees, or who manages the task. */
export function assertCanWork(actor: Principal, t: TaskAccessFacts): void {
  if (actor.kind === 'user' && t.assigneeIds.includes(actor.userId)) return;
  if (actor.kind === 'system' || user(actor, Role.COUNTY_ADMIN)) return;
  if (user(actor, Role.DEPARTMENT_OFFICER)?.departmentCode === t.leadDepartmentCode) return;
  throw new Forbidden('Only the assignees, the county office or officers of the lead department may work on this task');
}
