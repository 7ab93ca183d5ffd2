import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal, hasRole, systemPrincipal } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';
import { Clock } from '../../platform/clock/clock';
import { DomainError, Forbidden, ValidationFailed } from '../../platform/errors/domain-error';
import { EventPublisher } from '../../platform/events';
import { Connection, PageArgs } from '../../platform/graphql/pagination';
import { IdentityFacade, UserDirectoryEntry } from '../identity';
import { NotificationsFacade } from '../notifications';
import { ReferenceFacade } from '../reference';
import { RegistryFacade } from '../registry';
import { SupervisionFinding } from './entities/supervision-finding.entity';
import { ChecklistTemplate } from './entities/checklist-template.entity';
import { SupervisionTask } from './entities/supervision-task.entity';
import { DAY_MS } from './ladder';
import { IllegalTaskTransition, InvalidAssignee, taskNotFound } from './supervision.errors';
import { TargetKind, TaskStatus } from './supervision.enums';
import { SupervisionQueries } from './supervision.queries';
import { AssignableUsersQuery, CreateTaskCommand, SourcedTask, TaskFilter, UUID } from './supervision.types';
import {
  AssigneeRule,
  DEPARTMENT_ASSIGNEE_ROLES,
  assertCanManage,
  assertCanWork,
  assigneeProblem,
  canReadTask,
} from './supervision.access';
import { TASK_COMMAND_FROM } from './task-transitions';

const SYSTEM = systemPrincipal('supervision');

/**
 * Supervision tasks (督导检查, 联合执法, 整改复查): reading, creation and the lifecycle ASSIGNED → IN_PROGRESS →
 * SUBMITTED → ACCEPTED / RETURNED → CLOSED (and CANCELLED).
 */
@Injectable()
export class TaskService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: SupervisionQueries,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly notifications: NotificationsFacade,
    private readonly reference: ReferenceFacade,
    private readonly registry: RegistryFacade,
    private readonly users: IdentityFacade,
    private readonly clock: Clock,
  ) {}

  // ---- reading ------------------------------------------------------------------------------------

  list(actor: Principal, filter: TaskFilter, page: PageArgs): Promise<Connection<SupervisionTask>> {
    return this.queries.listTasks(actor, filter, page);
  }

  async get(actor: Principal, id: string): Promise<SupervisionTask> {
    const task = UUID.test(id) ? await this.queries.taskById(id) : null;
    if (!task || !canReadTask(actor, task)) throw taskNotFound(id);
    return task;
  }

  isOverdue(task: Pick<SupervisionTask, 'status' | 'dueAt'>): boolean {
    return (
      (task.status === TaskStatus.ASSIGNED ||
        task.status === TaskStatus.IN_PROGRESS ||
        task.status === TaskStatus.RETURNED) &&
      task.dueAt.getTime() < this.clock.now().getTime()
    );
  }

  /**
   * Active users who could be assignees: of a task (for who manages it), or of a task being planned (for
   * who may create tasks) with the given department among its departments and/or the given township as
   * its target's. With a task, departmentCode and townshipCode narrow the answer to that department's
   * inspectors and officers and/or that township's officers. Directory fields only, by display name.
   */
  async assignableUsers(actor: Principal, query: AssignableUsersQuery): Promise<UserDirectoryEntry[]> {
    let rule: AssigneeRule;
    if (query.taskId) {
      const task = await this.get(actor, query.taskId);
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
        throw new Forbidden('Only who may assign tasks may look up assignable users');
      const problems: { path: string; message: string }[] = [];
      if (!query.departmentCode && !query.townshipCode)
        problems.push({
          path: 'taskId',
          message: 'give a task, or the departmentCode and/or townshipCode of the task being planned',
        });
      if (
        query.departmentCode &&
        !(await this.exists(() => this.reference.getDepartment(query.departmentCode as string)))
      )
        problems.push({ path: 'departmentCode', message: `no department ${query.departmentCode}` });
      if (query.townshipCode && !(await this.exists(() => this.reference.getTownship(query.townshipCode as string))))
        problems.push({ path: 'townshipCode', message: `no township ${query.townshipCode}` });
      if (problems.length) throw new ValidationFailed(problems);
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

  // ---- creating -----------------------------------------------------------------------------------

  async create(actor: Principal, command: CreateTaskCommand): Promise<SupervisionTask> {
    assertCanManage(actor, command.leadDepartmentCode);
    const now = this.clock.now();
    const problems: { path: string; message: string }[] = [];
    const title = command.title.trim();
    if (!title) problems.push({ path: 'title', message: 'must not be blank' });
    if (command.dueAt.getTime() <= now.getTime()) problems.push({ path: 'dueAt', message: 'must be in the future' });
    const cooperating = [...new Set(command.cooperatingDepartmentCodes ?? [])];
    if (cooperating.includes(command.leadDepartmentCode))
      problems.push({ path: 'cooperatingDepartmentCodes', message: 'must not include the lead department' });
    for (const [path, code] of [
      ['leadDepartmentCode', command.leadDepartmentCode],
      ...cooperating.map((c) => ['cooperatingDepartmentCodes', c]),
    ] as [string, string][]) {
      if (!(await this.exists(() => this.reference.getDepartment(code))))
        problems.push({ path, message: `no department ${code}` });
    }
    if (
      command.campaignId &&
      !(UUID.test(command.campaignId) && (await this.queries.campaignExists(command.campaignId)))
    ) {
      problems.push({ path: 'campaignId', message: 'no such campaign' });
    }
    const target = await this.resolveTarget(
      command.targetKind,
      command.targetId.trim(),
      command.townshipCode,
      problems,
    );
    if (problems.length) throw new ValidationFailed(problems);
    const assigneeIds = await this.validateAssignees(command.assigneeIds ?? [], {
      departmentCodes: [command.leadDepartmentCode, ...cooperating],
      townshipCode: target.townshipCode,
    });
    const template = await this.queries.template(command.type);
    return this.dataSource.transaction(async (em) => {
      const task = await em.save(
        em.create(SupervisionTask, {
          type: command.type,
          status: TaskStatus.ASSIGNED,
          title,
          description: command.description?.trim() ?? '',
          targetKind: command.targetKind,
          targetId: command.targetId.trim(),
          institutionId: target.institutionId,
          townshipCode: target.townshipCode,
          leadDepartmentCode: command.leadDepartmentCode,
          cooperatingDepartmentCodes: cooperating,
          assigneeIds,
          dueAt: command.dueAt,
          campaignId: command.campaignId ?? null,
          checklist: template.items,
          sourceRef: null,
          escalationLevel: 0,
          createdAt: now,
          updatedAt: now,
        }),
      );
      await this.afterCreate(em, actor, task);
      return task;
    });
  }

  /**
   * Opens a task for a source (an event, a completed order) inside the caller's transaction, once: a
   * second call with the same source reference returns null and changes nothing.
   */
  async createFromSource(
    em: EntityManager,
    source: SourcedTask,
    actor: Principal = SYSTEM,
  ): Promise<SupervisionTask | null> {
    const now = this.clock.now();
    const template = await em.findOneByOrFail(ChecklistTemplate, { taskType: source.type });
    const inserted = (await em.query(
      `INSERT INTO supervision_task (type, status, title, description, target_kind, target_id, institution_id, township_code, lead_department_code,
         cooperating_department_codes, assignee_ids, due_at, checklist, source_ref, created_at, updated_at)
       VALUES ($1, 'ASSIGNED', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)
       ON CONFLICT (source_ref) WHERE source_ref IS NOT NULL DO NOTHING RETURNING id`,
      [
        source.type,
        source.title.slice(0, 200),
        source.description,
        source.targetKind,
        source.targetId,
        source.institutionId,
        source.townshipCode,
        source.leadDepartmentCode,
        source.cooperatingDepartmentCodes,
        source.assigneeIds ?? [],
        new Date(now.getTime() + template.defaultDueDays * DAY_MS),
        JSON.stringify(template.items),
        source.sourceRef,
        now,
      ],
    )) as { id: string }[];
    if (!inserted[0]) return null;
    const task = await em.findOneByOrFail(SupervisionTask, { id: inserted[0].id });
    await this.afterCreate(em, actor, task);
    return task;
  }

  private async afterCreate(em: EntityManager, actor: Principal, task: SupervisionTask): Promise<void> {
    await this.audit.record(em, {
      actor,
      action: 'supervision.task.created',
      entityType: 'supervision_task',
      entityId: task.id,
      summary: {
        type: task.type,
        target: `${task.targetKind}:${task.targetId}`,
        lead: task.leadDepartmentCode,
        cooperating: task.cooperatingDepartmentCodes,
        assignees: task.assigneeIds,
        dueAt: task.dueAt.toISOString(),
        source: task.sourceRef,
      },
    });
    await this.events.publish(em, 'supervision.task.created', {
      taskId: task.id,
      type: task.type,
      targetKind: task.targetKind,
      targetId: task.targetId,
      leadDepartmentCode: task.leadDepartmentCode,
      townshipCode: task.townshipCode,
      dueAt: task.dueAt.toISOString(),
    });
    await this.notifications.notify(
      em,
      {
        userIds: task.assigneeIds,
        departmentCodes: [task.leadDepartmentCode, ...task.cooperatingDepartmentCodes],
        townshipCodes: task.townshipCode ? [task.townshipCode] : [],
      },
      {
        kind: 'supervision.task.assigned',
        title: `新督导任务：${task.title}`,
        body: `Due ${task.dueAt.toISOString()}`,
        entityType: 'supervision_task',
        entityId: task.id,
      },
    );
  }

  /** Replaces the assignees (inspectors or officers of the task's departments, township officers of its township). */
  async assign(actor: Principal, id: string, assigneeIds: string[]): Promise<SupervisionTask> {
    const current = await this.get(actor, id);
    assertCanManage(actor, current.leadDepartmentCode);
    const valid = await this.validateAssignees(assigneeIds, {
      departmentCodes: [current.leadDepartmentCode, ...current.cooperatingDepartmentCodes],
      townshipCode: current.townshipCode,
    });
    return this.change(actor, id, 'assigned', TASK_COMMAND_FROM.assigned, 'manage', async (em, task) => {
      const added = valid.filter((u) => !task.assigneeIds.includes(u));
      task.assigneeIds = valid;
      if (added.length) {
        await this.notifications.notify(
          em,
          { userIds: added },
          {
            kind: 'supervision.task.assigned',
            title: `新督导任务：${task.title}`,
            body: `Due ${task.dueAt.toISOString()}`,
            entityType: 'supervision_task',
            entityId: task.id,
          },
        );
      }
      return { assignees: valid };
    });
  }

  // ---- lifecycle ----------------------------------------------------------------------------------

  start(actor: Principal, id: string): Promise<SupervisionTask> {
    return this.change(actor, id, 'started', TASK_COMMAND_FROM.started, 'work', async (_em, task) => {
      task.status = TaskStatus.IN_PROGRESS;
      return {};
    });
  }

  submit(actor: Principal, id: string): Promise<SupervisionTask> {
    return this.change(actor, id, 'submitted', TASK_COMMAND_FROM.submitted, 'work', async (em, task) => {
      if (!(await em.existsBy(SupervisionFinding, { taskId: task.id }))) {
        throw new ValidationFailed(
          [{ path: 'id', message: 'record at least one finding before submitting' }],
          'A task is submitted with its findings',
        );
      }
      task.status = TaskStatus.SUBMITTED;
      task.doneAt = this.clock.now();
      return {};
    });
  }

  accept(actor: Principal, id: string): Promise<SupervisionTask> {
    return this.change(actor, id, 'accepted', TASK_COMMAND_FROM.accepted, 'manage', async (_em, task) => {
      task.status = TaskStatus.ACCEPTED;
      return {};
    });
  }

  returnTask(actor: Principal, id: string, reason: string): Promise<SupervisionTask> {
    const why = this.reason(reason);
    return this.change(actor, id, 'returned', TASK_COMMAND_FROM.returned, 'manage', async (em, task) => {
      task.status = TaskStatus.RETURNED;
      task.returnReason = why;
      task.doneAt = null;
      await this.notifications.notify(
        em,
        { userIds: task.assigneeIds },
        {
          kind: 'supervision.task.returned',
          title: `督导任务退回：${task.title}`,
          body: why,
          entityType: 'supervision_task',
          entityId: task.id,
        },
      );
      return { reason: why };
    });
  }

  close(actor: Principal, id: string): Promise<SupervisionTask> {
    return this.change(actor, id, 'closed', TASK_COMMAND_FROM.closed, 'manage', async (_em, task) => {
      task.status = TaskStatus.CLOSED;
      task.closedAt = this.clock.now();
      return {};
    });
  }

  cancel(actor: Principal, id: string, reason: string): Promise<SupervisionTask> {
    const why = this.reason(reason);
    return this.change(actor, id, 'cancelled', TASK_COMMAND_FROM.cancelled, 'manage', async (_em, task) => {
      task.status = TaskStatus.CANCELLED;
      task.cancelReason = why;
      task.doneAt ??= this.clock.now();
      task.closedAt = this.clock.now();
      return { reason: why };
    });
  }

  /** Loads and locks a task, checks sight, permission and state, applies the change, audits it. */
  private async change(
    actor: Principal,
    id: string,
    verb: string,
    from: TaskStatus[],
    permission: 'manage' | 'work',
    apply: (em: EntityManager, task: SupervisionTask) => Promise<Record<string, unknown>>,
  ): Promise<SupervisionTask> {
    return this.dataSource.transaction(async (em) => {
      const task = UUID.test(id)
        ? await em.findOne(SupervisionTask, { where: { id }, lock: { mode: 'pessimistic_write' } })
        : null;
      if (!task || !canReadTask(actor, task)) throw taskNotFound(id);
      if (permission === 'manage') assertCanManage(actor, task.leadDepartmentCode);
      else assertCanWork(actor, task);
      if (!from.includes(task.status)) throw new IllegalTaskTransition(task.status, verb);
      const before = task.status;
      const summary = await apply(em, task);
      task.updatedAt = this.clock.now();
      await em.save(task);
      await this.audit.record(em, {
        actor,
        action: `supervision.task.${verb}`,
        entityType: 'supervision_task',
        entityId: task.id,
        summary: { from: before, to: task.status, ...summary },
      });
      return task;
    });
  }

  // ---- helpers ------------------------------------------------------------------------------------

  private reason(reason: string): string {
    const why = reason.trim();
    if (!why) throw new ValidationFailed([{ path: 'reason', message: 'must not be blank' }]);
    return why;
  }

  private async exists(lookup: () => Promise<unknown>): Promise<boolean> {
    try {
      await lookup();
      return true;
    } catch (error) {
      if (error instanceof DomainError && error.status === 404) return false;
      throw error;
    }
  }

  /** The institution and township a target implies; unknown targets are validation problems. */
  private async resolveTarget(
    kind: TargetKind,
    id: string,
    townshipCode: string | undefined,
    problems: { path: string; message: string }[],
  ) {
    let institutionId: string | null = null;
    let township: string | null = townshipCode?.trim() || null;
    if (kind === TargetKind.INSTITUTION) {
      const institution = await this.registry.findInstitution({ id });
      if (!institution) problems.push({ path: 'targetId', message: 'no such institution' });
      else {
        institutionId = institution.id;
        township = institution.townshipCode;
      }
    } else if (kind === TargetKind.TOWNSHIP) {
      township = id;
    } else if (kind === TargetKind.SCHOOL) {
      const school = UUID.test(id) ? await this.reference.getSchool(SYSTEM, id).catch(() => null) : null;
      if (!school) problems.push({ path: 'targetId', message: 'no such school' });
      else township = school.townshipCode;
    }
    if (township && !(await this.exists(() => this.reference.getTownship(township as string)))) {
      problems.push({
        path: kind === TargetKind.TOWNSHIP ? 'targetId' : 'townshipCode',
        message: `no township ${township}`,
      });
    }
    return { institutionId, townshipCode: township };
  }

  /**
   * Assignees must be active inspectors or officers of one of the task's departments, or active township
   * officers of the task's township (乡镇配合相关职能部门开展联合执法检查): see assigneeProblem.
   */
  private async validateAssignees(ids: string[], rule: AssigneeRule): Promise<string[]> {
    const unique = [...new Set(ids.map((i) => i.toLowerCase()))];
    if (unique.length > 50) throw new InvalidAssignee('At most 50 assignees');
    for (const id of unique) {
      const user = await this.users.getForReader(SYSTEM, id).catch((error: unknown) => {
        if (error instanceof DomainError && error.status === 404) return null;
        throw error;
      });
      if (!user || user.disabledAt) throw new InvalidAssignee(`User ${id} does not exist or is disabled`);
      const problem = assigneeProblem(user, rule);
      if (problem) throw new InvalidAssignee(problem);
    }
    return unique;
  }
}
