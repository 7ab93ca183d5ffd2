import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal, actorName, hasRole, systemPrincipal } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';
import { Clock } from '../../platform/clock/clock';
import { DomainError, Forbidden, ValidationFailed } from '../../platform/errors/domain-error';
import { EventPublisher } from '../../platform/events';
import { Connection, PageArgs, paginate } from '../../platform/graphql/pagination';
import { UserDirectoryEntry, UserService } from '../identity';
import { NotificationsFacade } from '../notifications';
import { ReferenceFacade } from '../reference';
import { RegistryFacade } from '../registry';
import { RectificationOrder } from './entities/rectification-order.entity';
import { ChecklistResultRecord, EvidenceReference, SupervisionFinding, SupervisionViolation } from './entities/supervision-finding.entity';
import { ChecklistTemplate, SupervisionCampaign, SupervisionEscalation } from './entities/supervision-misc.entity';
import { ChecklistItem, SupervisionTask } from './entities/supervision-task.entity';
import { DAY_MS } from './ladder';
import {
  IllegalTaskTransition,
  InvalidAssignee,
  campaignNotFound,
  findingNotFound,
  orderAlreadyCompleted,
  orderNotFound,
  taskNotFound,
} from './supervision.errors';
import { ChecklistResult, OPEN_STATUS_SQL, RectificationStatus, TargetKind, TaskStatus, TaskType, ViolationSeverity } from './supervision.enums';
import { AssigneeRule, DEPARTMENT_ASSIGNEE_ROLES, assertCanManage, assertCanWork, assigneeProblem, canReadTask, taskScopeSql } from './task-access';
import { UUID } from '../../platform/ids/uuid';

export interface SupervisionDashboardFigures {
  open: number;
  overdueByLevel: { level: number; count: number }[];
  openByDepartment: { departmentCode: string; count: number }[];
}

/** Overdue items counted per township (null: county-level), lead department and escalation level. */
export interface OverdueBreakdownRow {
  townshipCode: string | null;
  departmentCode: string;
  level: number;
  count: number;
}

export interface TaskFilter {
  status?: TaskStatus;
  type?: TaskType;
  departmentCode?: string;
  townshipCode?: string;
  overdue?: boolean;
  escalationLevel?: number;
  campaignId?: string;
  /** true: only tasks the caller is assigned to; false: only those they are not. */
  assignedToMe?: boolean;
  assigneeId?: string;
}

export interface OrderFilter {
  status?: RectificationStatus;
  overdue?: boolean;
  townshipCode?: string;
  institutionId?: string;
}

/** Whom a task (or a task being planned) could have as assignees; the department and township narrow it. */
export interface AssignableUsersQuery {
  taskId?: string;
  departmentCode?: string;
  townshipCode?: string;
  search?: string;
  first?: number;
}

export interface CreateTaskCommand {
  type: TaskType;
  title: string;
  description?: string;
  targetKind: TargetKind;
  targetId: string;
  townshipCode?: string;
  leadDepartmentCode: string;
  cooperatingDepartmentCodes?: string[];
  assigneeIds?: string[];
  dueAt: Date;
  campaignId?: string;
}

/** A task a subscriber (or a completed order) opens: one per source reference. */
export interface SourcedTask {
  sourceRef: string;
  type: TaskType;
  title: string;
  description: string;
  targetKind: TargetKind;
  targetId: string;
  institutionId: string | null;
  townshipCode: string | null;
  leadDepartmentCode: string;
  cooperatingDepartmentCodes: string[];
  assigneeIds?: string[];
}

export interface RecordFindingCommand {
  summary: string;
  checklistResults: { code: string; result: ChecklistResult; note?: string }[];
  evidence: EvidenceReference[];
  violations: { severity: ViolationSeverity; kind: string; description: string; institutionId?: string }[];
}

export interface IssueOrderCommand {
  requirements: string;
  deadlineAt: Date;
  institutionId?: string;
}

const SYSTEM = systemPrincipal('supervision');

/**
 * Supervision tasks (督导检查, 联合执法, 整改复查): creation, the lifecycle ASSIGNED → IN_PROGRESS →
 * SUBMITTED → ACCEPTED / RETURNED → CLOSED (and CANCELLED), findings, rectification orders, campaigns.
 */
@Injectable()
export class SupervisionService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(SupervisionTask) private readonly tasks: Repository<SupervisionTask>,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly notifications: NotificationsFacade,
    private readonly reference: ReferenceFacade,
    private readonly registry: RegistryFacade,
    private readonly users: UserService,
    private readonly clock: Clock,
  ) {}

  // ---- reading ------------------------------------------------------------------------------------

  /**
   * Dashboard trend: tasks overdue at an instant, approximated from the current record: created before
   * it, due before it, and still being worked on or done/closed only after it (cancelled ones left out).
   */
  async countOverdueAt(at: Date, townshipCode?: string): Promise<number> {
    const [r] = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM supervision_task
       WHERE created_at < $1 AND due_at < $1 AND status <> 'CANCELLED' AND ($2::varchar IS NULL OR township_code = $2)
         AND (status IN ${OPEN_STATUS_SQL} OR coalesce(done_at, closed_at) >= $1)`,
      [at, townshipCode ?? null],
    )) as { n: number }[];
    return r.n;
  }

  /**
   * Tasks not yet accepted, closed or cancelled at `now`, by status, and of those being worked on the ones
   * past due (idx_supervision_task_open and idx_supervision_task_sweep), for the metrics gauges.
   */
  async workload(now: Date): Promise<{ status: string; open: number; overdue: number }[]> {
    return (await this.dataSource.query(
      `SELECT status, count(*)::int AS open, count(*) FILTER (WHERE status IN ${OPEN_STATUS_SQL} AND due_at < $1)::int AS overdue
       FROM supervision_task WHERE status IN ('ASSIGNED','IN_PROGRESS','SUBMITTED','RETURNED') GROUP BY status ORDER BY status`,
      [now],
    )) as { status: string; open: number; overdue: number }[];
  }

  /**
   * Dashboard figures at `now`: tasks open (assigned, in progress, submitted or returned), those of them
   * being worked on that are past due by escalation level (idx_supervision_task_sweep), and open ones by
   * lead department. County-wide, or one township's.
   */
  async dashboardFigures(input: { townshipCode?: string; now?: Date }): Promise<SupervisionDashboardFigures> {
    const now = input.now ?? this.clock.now();
    const t = input.townshipCode ?? null;
    const byDepartment = (await this.dataSource.query(
      `SELECT lead_department_code AS "departmentCode", count(*)::int AS count FROM supervision_task
       WHERE status IN ('ASSIGNED','IN_PROGRESS','SUBMITTED','RETURNED') AND ($1::varchar IS NULL OR township_code = $1)
       GROUP BY lead_department_code ORDER BY lead_department_code`,
      [t],
    )) as { departmentCode: string; count: number }[];
    const overdue = (await this.dataSource.query(
      `SELECT escalation_level AS level, count(*)::int AS count FROM supervision_task
       WHERE status IN ${OPEN_STATUS_SQL} AND due_at < $2 AND ($1::varchar IS NULL OR township_code = $1)
       GROUP BY escalation_level ORDER BY escalation_level`,
      [t, now],
    )) as { level: number; count: number }[];
    return { open: byDepartment.reduce((n, r) => n + r.count, 0), overdueByLevel: overdue, openByDepartment: byDepartment };
  }

  /**
   * Dashboard breakdown at `now`: tasks being worked on (assigned, in progress, returned) and past due,
   * counted per township, lead department (co-operating departments are not counted, so the groups add
   * up to the total) and escalation level. One query over idx_supervision_task_sweep. County-wide, or one
   * township's.
   */
  async overdueBreakdown(input: { townshipCode?: string; now?: Date }): Promise<OverdueBreakdownRow[]> {
    return (await this.dataSource.query(
      `SELECT township_code AS "townshipCode", lead_department_code AS "departmentCode", escalation_level::int AS level, count(*)::int AS count
       FROM supervision_task
       WHERE status IN ${OPEN_STATUS_SQL} AND due_at < $2 AND ($1::varchar IS NULL OR township_code = $1)
       GROUP BY township_code, lead_department_code, escalation_level
       ORDER BY township_code NULLS FIRST, lead_department_code, escalation_level`,
      [input.townshipCode ?? null, input.now ?? this.clock.now()],
    )) as OverdueBreakdownRow[];
  }

  /**
   * Tasks not yet accepted, closed or cancelled, per institution, among those the caller may see (a
   * department's own and co-operating tasks, a township's, the ones assigned to the caller): for
   * DataLoaders, through idx_supervision_task_institution_open.
   */
  async openTaskCounts(actor: Principal, institutionIds: readonly string[]): Promise<number[]> {
    const scope = taskScopeSql(actor, 't');
    const rows = await this.tasks
      .createQueryBuilder('t')
      .select('t.institution_id', 'id')
      .addSelect('count(*)::int', 'n')
      .where('t.institution_id IN (:...ids)', { ids: [...new Set(institutionIds)] })
      .andWhere(`t.status IN ('ASSIGNED','IN_PROGRESS','SUBMITTED','RETURNED')`)
      .andWhere(scope.sql, scope.params)
      .groupBy('t.institution_id')
      .getRawMany<{ id: string; n: number }>();
    const counts = new Map(rows.map((r) => [r.id, r.n]));
    return institutionIds.map((id) => counts.get(id) ?? 0);
  }

  list(actor: Principal, filter: TaskFilter, page: PageArgs): Promise<Connection<SupervisionTask>> {
    const scope = taskScopeSql(actor, 't');
    const qb = this.tasks.createQueryBuilder('t').where(scope.sql, scope.params);
    if (filter.status) qb.andWhere('t.status = :status', { status: filter.status });
    if (filter.type) qb.andWhere('t.type = :type', { type: filter.type });
    if (filter.departmentCode) qb.andWhere('(t.lead_department_code = :dept OR :dept = ANY(t.cooperating_department_codes))', { dept: filter.departmentCode });
    if (filter.townshipCode) qb.andWhere('t.township_code = :township', { township: filter.townshipCode });
    if (filter.campaignId) qb.andWhere('t.campaign_id = :campaign', { campaign: filter.campaignId });
    if (filter.escalationLevel !== undefined) qb.andWhere('t.escalation_level = :level', { level: filter.escalationLevel });
    // `@>` on the array is what idx_supervision_task_assignees (GIN) serves; `= ANY(...)` would not use it.
    if (filter.assigneeId) qb.andWhere('t.assignee_ids @> ARRAY[CAST(:assignee AS uuid)]', { assignee: filter.assigneeId.toLowerCase() });
    if (filter.assignedToMe !== undefined) {
      if (actor.kind !== 'user') qb.andWhere(filter.assignedToMe ? 'FALSE' : 'TRUE');
      else qb.andWhere(`${filter.assignedToMe ? '' : 'NOT '}t.assignee_ids @> ARRAY[CAST(:me AS uuid)]`, { me: actor.userId });
    }
    if (filter.overdue !== undefined) {
      const overdue = `(t.status IN ${OPEN_STATUS_SQL} AND t.due_at < :now)`;
      qb.andWhere(filter.overdue ? overdue : `NOT ${overdue}`, { now: this.clock.now() });
    }
    return paginate(qb, page, { list: 'supervision.tasks', valueType: 'timestamp', column: 't.created_at', value: (t) => t.createdAt, tieBreaker: 't.id', tieValue: (t) => t.id, direction: 'DESC' });
  }

  async get(actor: Principal, id: string): Promise<SupervisionTask> {
    const task = UUID.test(id) ? await this.tasks.findOneBy({ id }) : null;
    if (!task || !canReadTask(actor, task)) throw taskNotFound(id);
    return task;
  }

  isOverdue(task: Pick<SupervisionTask, 'status' | 'dueAt'>): boolean {
    return (task.status === TaskStatus.ASSIGNED || task.status === TaskStatus.IN_PROGRESS || task.status === TaskStatus.RETURNED) && task.dueAt.getTime() < this.clock.now().getTime();
  }

  findings(taskId: string): Promise<SupervisionFinding[]> {
    return this.dataSource.getRepository(SupervisionFinding).find({ where: { taskId }, order: { recordedAt: 'ASC', id: 'ASC' } });
  }

  violations(findingId: string): Promise<SupervisionViolation[]> {
    return this.dataSource.getRepository(SupervisionViolation).find({ where: { findingId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  orders(taskId: string): Promise<RectificationOrder[]> {
    return this.dataSource.getRepository(RectificationOrder).find({ where: { taskId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  escalations(itemId: string): Promise<SupervisionEscalation[]> {
    return this.dataSource.getRepository(SupervisionEscalation).find({ where: { itemId }, order: { escalatedAt: 'ASC', level: 'ASC' } });
  }

  /**
   * Rectification orders the caller may see (the scope of their tasks), newest first: by status, overdue
   * (open past the deadline), township, institution.
   */
  listOrders(actor: Principal, filter: OrderFilter, page: PageArgs): Promise<Connection<RectificationOrder>> {
    const scope = taskScopeSql(actor, 't');
    const qb = this.dataSource
      .getRepository(RectificationOrder)
      .createQueryBuilder('o')
      .innerJoin(SupervisionTask, 't', 't.id = o.task_id')
      .where(scope.sql, scope.params);
    if (filter.status) qb.andWhere('o.status = :status', { status: filter.status });
    if (filter.townshipCode) qb.andWhere('o.township_code = :township', { township: filter.townshipCode });
    if (filter.institutionId) qb.andWhere('o.institution_id = :institution', { institution: filter.institutionId.toLowerCase() });
    if (filter.overdue !== undefined) {
      const overdue = `(o.status = 'OPEN' AND o.deadline_at < :now)`;
      qb.andWhere(filter.overdue ? overdue : `NOT ${overdue}`, { now: this.clock.now() });
    }
    return paginate(qb, page, { list: 'supervision.rectification-orders', valueType: 'timestamp', column: 'o.created_at', value: (o) => o.createdAt, tieBreaker: 'o.id', tieValue: (o) => o.id, direction: 'DESC' });
  }

  isOrderOverdue(order: Pick<RectificationOrder, 'status' | 'deadlineAt'>): boolean {
    return order.status === RectificationStatus.OPEN && order.deadlineAt.getTime() < this.clock.now().getTime();
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
      rule = { departmentCodes: [task.leadDepartmentCode, ...task.cooperatingDepartmentCodes], townshipCode: task.townshipCode };
      if (query.departmentCode || query.townshipCode) {
        rule = {
          departmentCodes: rule.departmentCodes.filter((d) => d === query.departmentCode),
          townshipCode: query.townshipCode && query.townshipCode === rule.townshipCode ? rule.townshipCode : null,
        };
      }
    } else {
      if (actor.kind !== 'system' && !hasRole(actor, Role.COUNTY_ADMIN, Role.DEPARTMENT_OFFICER)) throw new Forbidden('Only who may assign tasks may look up assignable users');
      const problems: { path: string; message: string }[] = [];
      if (!query.departmentCode && !query.townshipCode) problems.push({ path: 'taskId', message: 'give a task, or the departmentCode and/or townshipCode of the task being planned' });
      if (query.departmentCode && !(await this.exists(() => this.reference.getDepartment(query.departmentCode as string)))) problems.push({ path: 'departmentCode', message: `no department ${query.departmentCode}` });
      if (query.townshipCode && !(await this.exists(() => this.reference.getTownship(query.townshipCode as string)))) problems.push({ path: 'townshipCode', message: `no township ${query.townshipCode}` });
      if (problems.length) throw new ValidationFailed(problems);
      rule = { departmentCodes: query.departmentCode ? [query.departmentCode] : [], townshipCode: query.townshipCode ?? null };
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

  async getOrder(actor: Principal, id: string): Promise<RectificationOrder> {
    const order = UUID.test(id) ? await this.dataSource.getRepository(RectificationOrder).findOneBy({ id }) : null;
    const task = order ? await this.tasks.findOneBy({ id: order.taskId }) : null;
    if (!order || !task || !canReadTask(actor, task)) throw orderNotFound(id);
    return order;
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
    if (cooperating.includes(command.leadDepartmentCode)) problems.push({ path: 'cooperatingDepartmentCodes', message: 'must not include the lead department' });
    for (const [path, code] of [['leadDepartmentCode', command.leadDepartmentCode], ...cooperating.map((c) => ['cooperatingDepartmentCodes', c])] as [string, string][]) {
      if (!(await this.exists(() => this.reference.getDepartment(code)))) problems.push({ path, message: `no department ${code}` });
    }
    if (command.campaignId && !(UUID.test(command.campaignId) && (await this.dataSource.getRepository(SupervisionCampaign).existsBy({ id: command.campaignId })))) {
      problems.push({ path: 'campaignId', message: 'no such campaign' });
    }
    const target = await this.resolveTarget(command.targetKind, command.targetId.trim(), command.townshipCode, problems);
    if (problems.length) throw new ValidationFailed(problems);
    const assigneeIds = await this.validateAssignees(command.assigneeIds ?? [], { departmentCodes: [command.leadDepartmentCode, ...cooperating], townshipCode: target.townshipCode });
    const template = await this.template(command.type);
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
  async createFromSource(em: EntityManager, source: SourcedTask, actor: Principal = SYSTEM): Promise<SupervisionTask | null> {
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
      summary: { type: task.type, target: `${task.targetKind}:${task.targetId}`, lead: task.leadDepartmentCode, cooperating: task.cooperatingDepartmentCodes, assignees: task.assigneeIds, dueAt: task.dueAt.toISOString(), source: task.sourceRef },
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
      { userIds: task.assigneeIds, departmentCodes: [task.leadDepartmentCode, ...task.cooperatingDepartmentCodes], townshipCodes: task.townshipCode ? [task.townshipCode] : [] },
      { kind: 'supervision.task.assigned', title: `新督导任务：${task.title}`, body: `Due ${task.dueAt.toISOString()}`, entityType: 'supervision_task', entityId: task.id },
    );
  }

  /** Replaces the assignees (inspectors or officers of the task's departments, township officers of its township). */
  async assign(actor: Principal, id: string, assigneeIds: string[]): Promise<SupervisionTask> {
    const current = await this.get(actor, id);
    assertCanManage(actor, current.leadDepartmentCode);
    const valid = await this.validateAssignees(assigneeIds, { departmentCodes: [current.leadDepartmentCode, ...current.cooperatingDepartmentCodes], townshipCode: current.townshipCode });
    return this.change(actor, id, 'assigned', [TaskStatus.ASSIGNED, TaskStatus.IN_PROGRESS, TaskStatus.RETURNED], 'manage', async (em, task) => {
      const added = valid.filter((u) => !task.assigneeIds.includes(u));
      task.assigneeIds = valid;
      if (added.length) {
        await this.notifications.notify(em, { userIds: added }, { kind: 'supervision.task.assigned', title: `新督导任务：${task.title}`, body: `Due ${task.dueAt.toISOString()}`, entityType: 'supervision_task', entityId: task.id });
      }
      return { assignees: valid };
    });
  }

  // ---- lifecycle ----------------------------------------------------------------------------------

  start(actor: Principal, id: string): Promise<SupervisionTask> {
    return this.change(actor, id, 'started', [TaskStatus.ASSIGNED, TaskStatus.RETURNED], 'work', async (_em, task) => {
      task.status = TaskStatus.IN_PROGRESS;
      return {};
    });
  }

  submit(actor: Principal, id: string): Promise<SupervisionTask> {
    return this.change(actor, id, 'submitted', [TaskStatus.IN_PROGRESS], 'work', async (em, task) => {
      if (!(await em.existsBy(SupervisionFinding, { taskId: task.id }))) {
        throw new ValidationFailed([{ path: 'id', message: 'record at least one finding before submitting' }], 'A task is submitted with its findings');
      }
      task.status = TaskStatus.SUBMITTED;
      task.doneAt = this.clock.now();
      return {};
    });
  }

  accept(actor: Principal, id: string): Promise<SupervisionTask> {
    return this.change(actor, id, 'accepted', [TaskStatus.SUBMITTED], 'manage', async (_em, task) => {
      task.status = TaskStatus.ACCEPTED;
      return {};
    });
  }

  returnTask(actor: Principal, id: string, reason: string): Promise<SupervisionTask> {
    const why = this.reason(reason);
    return this.change(actor, id, 'returned', [TaskStatus.SUBMITTED], 'manage', async (em, task) => {
      task.status = TaskStatus.RETURNED;
      task.returnReason = why;
      task.doneAt = null;
      await this.notifications.notify(em, { userIds: task.assigneeIds }, { kind: 'supervision.task.returned', title: `督导任务退回：${task.title}`, body: why, entityType: 'supervision_task', entityId: task.id });
      return { reason: why };
    });
  }

  close(actor: Principal, id: string): Promise<SupervisionTask> {
    return this.change(actor, id, 'closed', [TaskStatus.ACCEPTED], 'manage', async (_em, task) => {
      task.status = TaskStatus.CLOSED;
      task.closedAt = this.clock.now();
      return {};
    });
  }

  cancel(actor: Principal, id: string, reason: string): Promise<SupervisionTask> {
    const why = this.reason(reason);
    return this.change(
      actor,
      id,
      'cancelled',
      [TaskStatus.ASSIGNED, TaskStatus.IN_PROGRESS, TaskStatus.SUBMITTED, TaskStatus.RETURNED, TaskStatus.ACCEPTED],
      'manage',
      async (_em, task) => {
        task.status = TaskStatus.CANCELLED;
        task.cancelReason = why;
        task.doneAt ??= this.clock.now();
        task.closedAt = this.clock.now();
        return { reason: why };
      },
    );
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
      const task = UUID.test(id) ? await em.findOne(SupervisionTask, { where: { id }, lock: { mode: 'pessimistic_write' } }) : null;
      if (!task || !canReadTask(actor, task)) throw taskNotFound(id);
      if (permission === 'manage') assertCanManage(actor, task.leadDepartmentCode);
      else assertCanWork(actor, task);
      if (!from.includes(task.status)) throw new IllegalTaskTransition(task.status, verb);
      const before = task.status;
      const summary = await apply(em, task);
      task.updatedAt = this.clock.now();
      await em.save(task);
      await this.audit.record(em, { actor, action: `supervision.task.${verb}`, entityType: 'supervision_task', entityId: task.id, summary: { from: before, to: task.status, ...summary } });
      return task;
    });
  }

  // ---- findings and rectification -------------------------------------------------------------

  async recordFinding(actor: Principal, taskId: string, command: RecordFindingCommand): Promise<SupervisionFinding> {
    const summary = command.summary.trim();
    const problems: { path: string; message: string }[] = [];
    if (!summary) problems.push({ path: 'summary', message: 'must not be blank' });
    const codes = command.checklistResults.map((r) => r.code);
    if (new Set(codes).size !== codes.length) problems.push({ path: 'checklistResults', message: 'lists an item twice' });
    const institutionIds = [...new Set(command.violations.map((v) => v.institutionId).filter((v): v is string => !!v))];
    const known = new Set((await this.registry.getInstitutions(institutionIds)).map((i) => i.id));
    command.violations.forEach((v, i) => {
      if (v.institutionId && !known.has(v.institutionId)) problems.push({ path: `violations.${i}.institutionId`, message: 'no such institution' });
    });
    if (problems.length) throw new ValidationFailed(problems);
    return this.dataSource.transaction(async (em) => {
      const task = UUID.test(taskId) ? await em.findOne(SupervisionTask, { where: { id: taskId }, lock: { mode: 'pessimistic_write' } }) : null;
      if (!task || !canReadTask(actor, task)) throw taskNotFound(taskId);
      assertCanWork(actor, task);
      if (task.status !== TaskStatus.IN_PROGRESS) throw new IllegalTaskTransition(task.status, 'given findings (start it first)');
      const checklist = new Set(task.checklist.map((c) => c.code));
      const late: { path: string; message: string }[] = [];
      codes.forEach((code, i) => {
        if (!checklist.has(code)) late.push({ path: `checklistResults.${i}.code`, message: `not on this task's checklist (${[...checklist].join(', ')})` });
      });
      command.violations.forEach((v, i) => {
        if (!v.institutionId && !task.institutionId) late.push({ path: `violations.${i}.institutionId`, message: 'required: the task has no institution' });
      });
      if (late.length) throw new ValidationFailed(late);
      const now = this.clock.now();
      const results: ChecklistResultRecord[] = command.checklistResults.map((r) => ({ code: r.code, result: r.result, note: r.note?.trim() || null }));
      const finding = await em.save(
        em.create(SupervisionFinding, { taskId: task.id, summary, checklistResults: results, evidence: command.evidence, recordedBy: actorName(actor), recordedAt: now }),
      );
      for (const v of command.violations) {
        const violation = await em.save(
          em.create(SupervisionViolation, {
            findingId: finding.id,
            taskId: task.id,
            institutionId: (v.institutionId ?? task.institutionId) as string,
            severity: v.severity,
            kind: v.kind.trim(),
            description: v.description.trim(),
            createdAt: now,
          }),
        );
        await this.events.publish(em, 'supervision.finding.violation_recorded', {
          findingId: finding.id,
          taskId: task.id,
          institutionId: violation.institutionId,
          severity: violation.severity,
          description: violation.description,
          kind: violation.kind,
        });
      }
      await this.audit.record(em, {
        actor,
        action: 'supervision.finding.recorded',
        entityType: 'supervision_finding',
        entityId: finding.id,
        summary: { taskId: task.id, results: results.length, evidence: command.evidence.length, violations: command.violations.map((v) => `${v.severity}:${v.kind}`) },
      });
      return finding;
    });
  }

  async issueOrder(actor: Principal, findingId: string, command: IssueOrderCommand): Promise<RectificationOrder> {
    const requirements = command.requirements.trim();
    const now = this.clock.now();
    const problems: { path: string; message: string }[] = [];
    if (!requirements) problems.push({ path: 'requirements', message: 'must not be blank' });
    if (command.deadlineAt.getTime() <= now.getTime()) problems.push({ path: 'deadlineAt', message: 'must be in the future' });
    if (command.institutionId && (await this.registry.getInstitutions([command.institutionId])).length === 0) problems.push({ path: 'institutionId', message: 'no such institution' });
    return this.dataSource.transaction(async (em) => {
      const finding = UUID.test(findingId) ? await em.findOneBy(SupervisionFinding, { id: findingId }) : null;
      const task = finding ? await em.findOneBy(SupervisionTask, { id: finding.taskId }) : null;
      if (!finding || !task || !canReadTask(actor, task)) throw findingNotFound(findingId);
      assertCanManage(actor, task.leadDepartmentCode);
      if (problems.length) throw new ValidationFailed(problems);
      const order = await em.save(
        em.create(RectificationOrder, {
          findingId: finding.id,
          taskId: task.id,
          institutionId: command.institutionId ?? task.institutionId,
          townshipCode: task.townshipCode,
          leadDepartmentCode: task.leadDepartmentCode,
          requirements,
          deadlineAt: command.deadlineAt,
          status: RectificationStatus.OPEN,
          escalationLevel: 0,
          createdAt: now,
        }),
      );
      await this.audit.record(em, { actor, action: 'supervision.rectification.issued', entityType: 'rectification_order', entityId: order.id, summary: { taskId: task.id, findingId: finding.id, institutionId: order.institutionId, deadlineAt: order.deadlineAt.toISOString() } });
      await this.events.publish(em, 'supervision.rectification.issued', { orderId: order.id, findingId: finding.id, taskId: task.id, institutionId: order.institutionId, deadlineAt: order.deadlineAt.toISOString() });
      await this.notifications.notify(
        em,
        { departmentCodes: [task.leadDepartmentCode], townshipCodes: task.townshipCode ? [task.townshipCode] : [], userIds: task.assigneeIds },
        { kind: 'supervision.rectification.issued', title: `整改通知：${task.title}`, body: `${requirements} (deadline ${order.deadlineAt.toISOString()})`, entityType: 'rectification_order', entityId: order.id },
      );
      return order;
    });
  }

  /** Records that an order was carried out and opens the re-check task (整改复查). */
  async completeOrder(actor: Principal, orderId: string, note: string): Promise<RectificationOrder> {
    const completionNote = note.trim();
    if (!completionNote) throw new ValidationFailed([{ path: 'note', message: 'must not be blank' }]);
    return this.dataSource.transaction(async (em) => {
      const order = UUID.test(orderId) ? await em.findOne(RectificationOrder, { where: { id: orderId }, lock: { mode: 'pessimistic_write' } }) : null;
      const task = order ? await em.findOneBy(SupervisionTask, { id: order.taskId }) : null;
      if (!order || !task || !canReadTask(actor, task)) throw orderNotFound(orderId);
      assertCanManage(actor, task.leadDepartmentCode);
      if (order.status !== RectificationStatus.OPEN) throw orderAlreadyCompleted(order.id);
      const recheck = await this.createFromSource(
        em,
        {
          sourceRef: `rectification_order:${order.id}`,
          type: TaskType.RECTIFICATION_RECHECK,
          title: `整改复查：${task.title}`.slice(0, 200),
          description: `Re-check of rectification order ${order.id}: ${order.requirements}`,
          targetKind: order.institutionId ? TargetKind.INSTITUTION : task.targetKind,
          targetId: order.institutionId ?? task.targetId,
          institutionId: order.institutionId,
          townshipCode: order.townshipCode,
          leadDepartmentCode: order.leadDepartmentCode,
          cooperatingDepartmentCodes: task.cooperatingDepartmentCodes,
          assigneeIds: task.assigneeIds,
        },
        actor,
      );
      if (!recheck) throw new Error(`re-check task of order ${order.id} exists although the order was open`);
      order.status = RectificationStatus.COMPLETED;
      order.completionNote = completionNote;
      order.completedAt = this.clock.now();
      order.recheckTaskId = recheck.id;
      await em.save(order);
      await this.audit.record(em, { actor, action: 'supervision.rectification.completed', entityType: 'rectification_order', entityId: order.id, summary: { note: completionNote, recheckTaskId: recheck.id } });
      await this.events.publish(em, 'supervision.rectification.completed', { orderId: order.id, taskId: task.id, institutionId: order.institutionId, recheckTaskId: recheck.id });
      return order;
    });
  }

  // ---- campaigns and checklist templates ----------------------------------------------------------

  listCampaigns(): Promise<SupervisionCampaign[]> {
    return this.dataSource.getRepository(SupervisionCampaign).find({ order: { startsOn: 'DESC', id: 'ASC' } });
  }

  async getCampaign(id: string): Promise<SupervisionCampaign> {
    const campaign = UUID.test(id) ? await this.dataSource.getRepository(SupervisionCampaign).findOneBy({ id }) : null;
    if (!campaign) throw campaignNotFound(id);
    return campaign;
  }

  async createCampaign(actor: Principal, input: { name: string; description?: string; startsOn: string; endsOn: string }): Promise<SupervisionCampaign> {
    if (!hasRole(actor, Role.COUNTY_ADMIN, Role.DEPARTMENT_OFFICER)) throw new Forbidden('Only the county office or a department officer may start a campaign');
    const name = input.name.trim();
    const problems: { path: string; message: string }[] = [];
    if (!name) problems.push({ path: 'name', message: 'must not be blank' });
    if (input.endsOn < input.startsOn) problems.push({ path: 'endsOn', message: 'must not be before startsOn' });
    if (problems.length) throw new ValidationFailed(problems);
    return this.dataSource.transaction(async (em) => {
      const campaign = await em.save(em.create(SupervisionCampaign, { name, description: input.description?.trim() ?? '', startsOn: input.startsOn, endsOn: input.endsOn, createdAt: this.clock.now() }));
      await this.audit.record(em, { actor, action: 'supervision.campaign.created', entityType: 'supervision_campaign', entityId: campaign.id, summary: { name, startsOn: input.startsOn, endsOn: input.endsOn } });
      return campaign;
    });
  }

  listTemplates(): Promise<ChecklistTemplate[]> {
    return this.dataSource.getRepository(ChecklistTemplate).find({ order: { taskType: 'ASC' } });
  }

  /** Changes a task type's checklist and default deadline (tasks already created keep their copy). */
  async updateTemplate(actor: Principal, taskType: TaskType, items: ChecklistItem[], defaultDueDays: number): Promise<ChecklistTemplate> {
    if (!hasRole(actor, Role.COUNTY_ADMIN)) throw new Forbidden('Only the county office edits checklist templates');
    const clean = items.map((i) => ({ code: i.code.trim().toUpperCase(), label: i.label.trim() }));
    const problems: { path: string; message: string }[] = [];
    if (clean.length === 0) problems.push({ path: 'items', message: 'needs at least one item' });
    if (new Set(clean.map((i) => i.code)).size !== clean.length) problems.push({ path: 'items', message: 'codes must be unique' });
    clean.forEach((i, n) => {
      if (!/^[A-Z0-9_]{1,40}$/.test(i.code)) problems.push({ path: `items.${n}.code`, message: 'must be 1–40 characters A-Z, 0-9, _' });
      if (!i.label) problems.push({ path: `items.${n}.label`, message: 'must not be blank' });
    });
    if (problems.length) throw new ValidationFailed(problems);
    return this.dataSource.transaction(async (em) => {
      const template = await em.findOneOrFail(ChecklistTemplate, { where: { taskType }, lock: { mode: 'pessimistic_write' } });
      const before = { items: template.items, defaultDueDays: template.defaultDueDays };
      template.items = clean;
      template.defaultDueDays = defaultDueDays;
      template.updatedAt = this.clock.now();
      await em.save(template);
      await this.audit.record(em, { actor, action: 'supervision.checklist_template.updated', entityType: 'supervision_checklist_template', entityId: taskType, summary: { before, after: { items: clean, defaultDueDays } } });
      return template;
    });
  }

  // ---- helpers ------------------------------------------------------------------------------------

  private template(type: TaskType): Promise<ChecklistTemplate> {
    return this.dataSource.getRepository(ChecklistTemplate).findOneByOrFail({ taskType: type });
  }

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
  private async resolveTarget(kind: TargetKind, id: string, townshipCode: string | undefined, problems: { path: string; message: string }[]) {
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
      problems.push({ path: kind === TargetKind.TOWNSHIP ? 'targetId' : 'townshipCode', message: `no township ${township}` });
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
