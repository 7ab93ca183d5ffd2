import { Principal, UserPrincipal } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';
import { Forbidden } from '../../platform/errors/domain-error';
import { Text, text } from '../../platform/i18n/text';

/** The fields of a task (or rectification order) that decide who may see and act on it. */
export interface TaskAccessFacts {
  leadDepartmentCode: string;
  cooperatingDepartmentCodes: readonly string[];
  assigneeIds: readonly string[];
  townshipCode: string | null;
  /** A task's target: officers of a DEPARTMENT target read the task opened against their department. */
  targetKind?: string;
  targetId?: string;
}

/**
 * Who sees a task: the county office and discipline supervisors everything; inspectors and department
 * officers the tasks of their department (lead, co-operating, or the department a task was opened
 * against) and those assigned to them; township
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
        (!!actor.departmentCode &&
          (t.leadDepartmentCode === actor.departmentCode ||
            t.cooperatingDepartmentCodes.includes(actor.departmentCode) ||
            (t.targetKind === 'DEPARTMENT' && t.targetId === actor.departmentCode)))
      );
    case Role.TOWNSHIP_OFFICER:
      return !!actor.townshipCode && t.townshipCode === actor.townshipCode;
    default:
      return false;
  }
}

const user = (actor: Principal, ...roles: Role[]): UserPrincipal | null =>
  actor.kind === 'user' && roles.includes(actor.role) ? actor : null;

/** The same rule as SQL over a `supervision_task` alias (parameters prefixed `__s_`). */
export function taskScopeSql(actor: Principal, alias: string): { sql: string; params: Record<string, unknown> } {
  if (actor.kind === 'system' || user(actor, Role.COUNTY_ADMIN, Role.DISCIPLINE_SUPERVISOR))
    return { sql: 'TRUE', params: {} };
  const officer = user(actor, Role.DEPARTMENT_OFFICER, Role.INSPECTOR);
  if (officer) {
    return {
      sql: `(${alias}.lead_department_code = :__s_dept OR :__s_dept = ANY(${alias}.cooperating_department_codes) OR CAST(:__s_user AS uuid) = ANY(${alias}.assignee_ids)
             OR (${alias}.target_kind = 'DEPARTMENT' AND ${alias}.target_id = :__s_dept))`,
      params: { __s_dept: officer.departmentCode ?? '', __s_user: officer.userId },
    };
  }
  const township = user(actor, Role.TOWNSHIP_OFFICER);
  if (township?.townshipCode)
    return { sql: `${alias}.township_code = :__s_township`, params: { __s_township: township.townshipCode } };
  return { sql: 'FALSE', params: {} };
}

/** Managing (create, accept, return, close, cancel, orders): the county office, or officers of the lead department. */
export function assertCanManage(actor: Principal, leadDepartmentCode: string): void {
  if (actor.kind === 'system' || user(actor, Role.COUNTY_ADMIN)) return;
  if (user(actor, Role.DEPARTMENT_OFFICER)?.departmentCode === leadDepartmentCode) return;
  throw new Forbidden(
    text(
      `Only the county office or officers of ${leadDepartmentCode} (the lead department) may manage this task`,
      `只有县级管理部门或牵头部门 ${leadDepartmentCode} 的工作人员可以管理此督导任务`,
    ),
  );
}

/**
 * Doing the work (start, submit, record findings): the assignees, or who manages the task. A township
 * officer works on a task only while it is in their township (they are assignees for joint enforcement there).
 */
export function assertCanWork(actor: Principal, t: TaskAccessFacts): void {
  if (
    actor.kind === 'user' &&
    t.assigneeIds.includes(actor.userId) &&
    (actor.role !== Role.TOWNSHIP_OFFICER || (!!actor.townshipCode && actor.townshipCode === t.townshipCode))
  )
    return;
  if (actor.kind === 'system' || user(actor, Role.COUNTY_ADMIN)) return;
  if (user(actor, Role.DEPARTMENT_OFFICER)?.departmentCode === t.leadDepartmentCode) return;
  throw new Forbidden(
    text(
      'Only the assignees, the county office or officers of the lead department may work on this task',
      '只有任务承办人、县级管理部门或牵头部门的工作人员可以办理此督导任务',
    ),
  );
}

/** Who may be assigned to a task: its departments (lead and co-operating) and its township (the target's). */
export interface AssigneeRule {
  departmentCodes: readonly string[];
  townshipCode: string | null;
}

/** Roles that are assignees for their department; township officers are assignees for their township (乡镇配合联合执法). */
export const DEPARTMENT_ASSIGNEE_ROLES: readonly Role[] = [Role.INSPECTOR, Role.DEPARTMENT_OFFICER];

/**
 * Why a user may not be an assignee of a task under the rule, or null if they may: active inspectors and
 * officers of one of the task's departments, and active township officers of the task's township.
 */
export function assigneeProblem(
  user: {
    username: string;
    role: Role;
    departmentCode: string | null;
    townshipCode: string | null;
    disabledAt: Date | null;
  },
  rule: AssigneeRule,
): Text | null {
  const u = user.username;
  if (user.disabledAt) return text(`User ${u} is disabled`, `用户 ${u} 已停用`);
  if (user.role === Role.TOWNSHIP_OFFICER) {
    if (!rule.townshipCode)
      return text(
        `User ${u} is a township officer; the task has no township`,
        `用户 ${u} 是乡镇工作人员，而该任务不属于任何乡镇`,
      );
    if (user.townshipCode !== rule.townshipCode)
      return text(
        `User ${u} is a township officer of ${user.townshipCode ?? 'no township'}, not of the task's township (${rule.townshipCode})`,
        `用户 ${u} 是${user.townshipCode ? `乡镇 ${user.townshipCode} ` : '（无所属乡镇）'}的工作人员，不属于任务所在乡镇（${rule.townshipCode}）`,
      );
    return null;
  }
  if (!DEPARTMENT_ASSIGNEE_ROLES.includes(user.role))
    return text(
      `User ${u} is not an inspector, department officer or township officer`,
      `用户 ${u} 不是检查人员、部门工作人员或乡镇工作人员`,
    );
  if (!user.departmentCode || !rule.departmentCodes.includes(user.departmentCode)) {
    return text(
      `User ${u} belongs to ${user.departmentCode ?? 'no department'}, not to the task's departments (${rule.departmentCodes.join(', ')})`,
      `用户 ${u} 属于${user.departmentCode ? `部门 ${user.departmentCode}` : '（无所属部门）'}，不属于任务的承办部门（${rule.departmentCodes.join('、')}）`,
    );
  }
  return null;
}

/** Who opens a task against a department (target DEPARTMENT): the county office and the inspection office's officers. */
export function assertCanTargetDepartment(actor: Principal): void {
  if (actor.kind === 'system' || user(actor, Role.COUNTY_ADMIN)) return;
  if (user(actor, Role.DEPARTMENT_OFFICER)?.departmentCode === 'INSPECTION_OFFICE') return;
  throw new Forbidden(
    text(
      'Only the county office or the inspection office (督办督查局) may open a task against a department',
      '只有县级管理部门或县委督办督查局可以对部门派发督导任务',
    ),
  );
}
