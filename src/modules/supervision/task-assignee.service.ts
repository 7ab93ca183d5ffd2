import { Injectable } from '@nestjs/common';
import { Principal, hasRole, systemPrincipal } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';
import { DomainError, Forbidden } from '../../platform/errors/domain-error';
import { Problems } from '../../platform/errors/problems';
import { IdentityFacade, UserDirectoryEntry } from '../identity';
import { ReferenceFacade } from '../reference';
import { invalidAssignee } from './supervision.errors';
import { AssignableUsersQuery } from './supervision.types';
import { AssigneeRule, DEPARTMENT_ASSIGNEE_ROLES, assertCanManage, assigneeProblem } from './supervision.access';
import { exists } from './task-checks';
import { TaskReadService } from './task-read.service';
import { text } from '../../platform/i18n/text';
import { noDepartment, noTownship } from '../../platform/i18n/field-texts';

const SYSTEM = systemPrincipal('supervision');

/**
 * Who may be assigned to a task: active inspectors or officers of one of its departments, or active
 * township officers of its township (乡镇配合相关职能部门开展联合执法检查). Looks them up for the people
 * who assign, and checks the ones given when a task is created or re-assigned.
 */
@Injectable()
export class TaskAssigneeService {
  constructor(
    private readonly tasks: TaskReadService,
    private readonly reference: ReferenceFacade,
    private readonly users: IdentityFacade,
  ) {}

  /**
   * Active users who could be assignees: of a task (for who manages it), or of a task being planned (for
   * who may create tasks) with the given department among its departments and/or the given township as
   * its target's. With a task, departmentCode and townshipCode narrow the answer to that department's
   * inspectors and officers and/or that township's officers. Directory fields only, by display name.
   */
  async assignableUsers(actor: Principal, query: AssignableUsersQuery): Promise<UserDirectoryEntry[]> {
    let rule: AssigneeRule;
    if (query.taskId) {
      const task = await this.tasks.get(actor, query.taskId);
      assertCanManage(actor, task.leadDepartmentCode);
      rule = {
        departmentCodes: [task.leadDepartmentCode, ...task.cooperatingDepartmentCodes],
        townshipCode: task.townshipCode,
      };
      if (query.departmentCode || query.townshipCode) {
        rule = {
          departmentCodes: rule.departmentCodes.filter((d) => d === query.departmentCode),
          townshipCode: query.townshipCode && query.townshipCode === rule.townshipCode ? rule.townshipCode : null,
        };
      }
    } else {
      if (actor.kind !== 'system' && !hasRole(actor, Role.COUNTY_ADMIN, Role.DEPARTMENT_OFFICER))
        throw new Forbidden(
          text('Only who may assign tasks may look up assignable users', '只有可以指派任务的人员才能查询可指派的用户'),
        );
      const problems = new Problems();
      problems.check(
        query.departmentCode || query.townshipCode,
        'taskId',
        text(
          'give a task, or the departmentCode and/or townshipCode of the task being planned',
          '请指定任务，或拟建任务的 departmentCode 和（或）townshipCode',
        ),
      );
      if (query.departmentCode && !(await exists(() => this.reference.getDepartment(query.departmentCode as string))))
        problems.add('departmentCode', noDepartment(query.departmentCode));
      if (query.townshipCode && !(await exists(() => this.reference.getTownship(query.townshipCode as string))))
        problems.add('townshipCode', noTownship(query.townshipCode));
      problems.throwIfAny();
      rule = {
        departmentCodes: query.departmentCode ? [query.departmentCode] : [],
        townshipCode: query.townshipCode ?? null,
      };
    }
    return this.users.directory(
      SYSTEM,
      [
        { roles: [...DEPARTMENT_ASSIGNEE_ROLES], departmentCodes: [...rule.departmentCodes] },
        { roles: [Role.TOWNSHIP_OFFICER], townshipCodes: rule.townshipCode ? [rule.townshipCode] : [] },
      ],
      { search: query.search, limit: query.first ?? 20 },
    );
  }

  /**
   * The given assignees, de-duplicated and lower-cased, once each is an active user who may work on a
   * task under the rule (see assigneeProblem); INVALID_ASSIGNEE otherwise.
   */
  async validate(ids: string[], rule: AssigneeRule): Promise<string[]> {
    const unique = [...new Set(ids.map((i) => i.toLowerCase()))];
    if (unique.length > 50) throw invalidAssignee(text('At most 50 assignees', '承办人最多 50 个'));
    for (const id of unique) {
      const user = await this.users.getForReader(SYSTEM, id).catch((error: unknown) => {
        if (error instanceof DomainError && error.status === 404) return null;
        throw error;
      });
      if (!user || user.disabledAt)
        throw invalidAssignee(text(`User ${id} does not exist or is disabled`, `用户 ${id} 不存在或已停用`));
      const problem = assigneeProblem(user, rule);
      if (problem) throw invalidAssignee(problem);
    }
    return unique;
  }
}
