import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { Principal } from '../../platform/auth/principal';
import { Clock } from '../../platform/clock/clock';
import { Connection, PageArgs, paginate } from '../../platform/graphql/pagination';
import { RectificationOrder } from './entities/rectification-order.entity';
import { SupervisionFinding } from './entities/supervision-finding.entity';
import { SupervisionViolation } from './entities/supervision-violation.entity';
import { ChecklistTemplate } from './entities/checklist-template.entity';
import { SupervisionCampaign } from './entities/supervision-campaign.entity';
import { SupervisionEscalation } from './entities/supervision-escalation.entity';
import { SupervisionReport } from './entities/supervision-report.entity';
import { SupervisionTask } from './entities/supervision-task.entity';
import { OPEN_STATUS_SQL, TargetKind, TaskType } from './supervision.enums';
import {
  OrderFilter,
  OverdueBreakdownRow,
  ReportAreaCounts,
  ReportEscalationCounts,
  ReportRectificationCounts,
  SupervisionDashboardFigures,
  TaskFilter,
  UUID,
} from './supervision.types';
import { taskScopeSql } from './supervision.access';

/** The supervision module's reads: every SQL query and query builder the services and the facade use. */
@Injectable()
export class SupervisionQueries {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(SupervisionTask) private readonly tasks: Repository<SupervisionTask>,
    private readonly clock: Clock,
  ) {}

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
    return {
      open: byDepartment.reduce((n, r) => n + r.count, 0),
      overdueByLevel: overdue,
      openByDepartment: byDepartment,
    };
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

  listTasks(actor: Principal, filter: TaskFilter, page: PageArgs): Promise<Connection<SupervisionTask>> {
    const scope = taskScopeSql(actor, 't');
    const qb = this.tasks.createQueryBuilder('t').where(scope.sql, scope.params);
    if (filter.status) qb.andWhere('t.status = :status', { status: filter.status });
    if (filter.type) qb.andWhere('t.type = :type', { type: filter.type });
    if (filter.departmentCode)
      qb.andWhere('(t.lead_department_code = :dept OR :dept = ANY(t.cooperating_department_codes))', {
        dept: filter.departmentCode,
      });
    if (filter.townshipCode) qb.andWhere('t.township_code = :township', { township: filter.townshipCode });
    if (filter.campaignId) qb.andWhere('t.campaign_id = :campaign', { campaign: filter.campaignId });
    if (filter.escalationLevel !== undefined)
      qb.andWhere('t.escalation_level = :level', { level: filter.escalationLevel });
    // `@>` on the array is what idx_supervision_task_assignees (GIN) serves; `= ANY(...)` would not use it.
    if (filter.assigneeId)
      qb.andWhere('t.assignee_ids @> ARRAY[CAST(:assignee AS uuid)]', { assignee: filter.assigneeId.toLowerCase() });
    if (filter.assignedToMe !== undefined) {
      if (actor.kind !== 'user') qb.andWhere(filter.assignedToMe ? 'FALSE' : 'TRUE');
      else
        qb.andWhere(`${filter.assignedToMe ? '' : 'NOT '}t.assignee_ids @> ARRAY[CAST(:me AS uuid)]`, {
          me: actor.userId,
        });
    }
    if (filter.overdue !== undefined) {
      const overdue = `(t.status IN ${OPEN_STATUS_SQL} AND t.due_at < :now)`;
      qb.andWhere(filter.overdue ? overdue : `NOT ${overdue}`, { now: this.clock.now() });
    }
    return paginate(qb, page, {
      list: 'supervision.tasks',
      valueType: 'timestamp',
      column: 't.created_at',
      value: (t) => t.createdAt,
      tieBreaker: 't.id',
      tieValue: (t) => t.id,
      direction: 'DESC',
    });
  }

  taskById(id: string): Promise<SupervisionTask | null> {
    return this.tasks.findOneBy({ id });
  }

  /**
   * The tasks with these ids the caller may read (the scope of `supervisionTask(id:)`), in one statement;
   * the others are left out: for the links to a task.
   */
  readableTasksByIds(actor: Principal, ids: readonly string[]): Promise<SupervisionTask[]> {
    if (ids.length === 0) return Promise.resolve([]);
    const scope = taskScopeSql(actor, 't');
    return this.tasks
      .createQueryBuilder('t')
      .where('t.id IN (:...ids)', { ids: [...ids] })
      .andWhere(scope.sql, scope.params)
      .getMany();
  }

  /** The findings with these ids whose task the caller may read, in one statement: for the links to a finding. */
  readableFindingsByIds(actor: Principal, ids: readonly string[]): Promise<SupervisionFinding[]> {
    if (ids.length === 0) return Promise.resolve([]);
    const scope = taskScopeSql(actor, 't');
    return this.dataSource
      .getRepository(SupervisionFinding)
      .createQueryBuilder('f')
      .innerJoin(SupervisionTask, 't', 't.id = f.task_id')
      .where('f.id IN (:...ids)', { ids: [...ids] })
      .andWhere(scope.sql, scope.params)
      .getMany();
  }

  /** Each finding's task institution and township, in one statement (unknown ids are left out). */
  async findingSubjects(
    ids: readonly string[],
  ): Promise<{ id: string; institutionId: string | null; townshipCode: string | null }[]> {
    if (ids.length === 0) return [];
    return (await this.dataSource.query(
      `SELECT f.id, t.institution_id AS "institutionId", t.township_code AS "townshipCode"
         FROM supervision_finding f JOIN supervision_task t ON t.id = f.task_id
        WHERE f.id = ANY($1::uuid[])`,
      [[...ids]],
    )) as { id: string; institutionId: string | null; townshipCode: string | null }[];
  }

  /** Campaigns by id, in one statement (unknown ids are left out): for the links to a campaign. */
  campaignsByIds(ids: readonly string[]): Promise<SupervisionCampaign[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(SupervisionCampaign).findBy({ id: In([...ids]) });
  }

  findings(taskId: string): Promise<SupervisionFinding[]> {
    return this.dataSource
      .getRepository(SupervisionFinding)
      .find({ where: { taskId }, order: { recordedAt: 'ASC', id: 'ASC' } });
  }

  violations(findingId: string): Promise<SupervisionViolation[]> {
    return this.dataSource
      .getRepository(SupervisionViolation)
      .find({ where: { findingId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  orders(taskId: string): Promise<RectificationOrder[]> {
    return this.dataSource
      .getRepository(RectificationOrder)
      .find({ where: { taskId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  escalations(itemId: string): Promise<SupervisionEscalation[]> {
    return this.dataSource
      .getRepository(SupervisionEscalation)
      .find({ where: { itemId }, order: { escalatedAt: 'ASC', level: 'ASC' } });
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
    if (filter.institutionId)
      qb.andWhere('o.institution_id = :institution', { institution: filter.institutionId.toLowerCase() });
    if (filter.overdue !== undefined) {
      const overdue = `(o.status = 'OPEN' AND o.deadline_at < :now)`;
      qb.andWhere(filter.overdue ? overdue : `NOT ${overdue}`, { now: this.clock.now() });
    }
    return paginate(qb, page, {
      list: 'supervision.rectification-orders',
      valueType: 'timestamp',
      column: 'o.created_at',
      value: (o) => o.createdAt,
      tieBreaker: 'o.id',
      tieValue: (o) => o.id,
      direction: 'DESC',
    });
  }

  orderById(id: string): Promise<RectificationOrder | null> {
    return this.dataSource.getRepository(RectificationOrder).findOneBy({ id });
  }

  listCampaigns(): Promise<SupervisionCampaign[]> {
    return this.dataSource.getRepository(SupervisionCampaign).find({ order: { startsOn: 'DESC', id: 'ASC' } });
  }

  campaignById(id: string): Promise<SupervisionCampaign | null> {
    return this.dataSource.getRepository(SupervisionCampaign).findOneBy({ id });
  }

  campaignExists(id: string): Promise<boolean> {
    return this.dataSource.getRepository(SupervisionCampaign).existsBy({ id });
  }

  listTemplates(): Promise<ChecklistTemplate[]> {
    return this.dataSource.getRepository(ChecklistTemplate).find({ order: { taskType: 'ASC' } });
  }

  template(type: TaskType): Promise<ChecklistTemplate> {
    return this.dataSource.getRepository(ChecklistTemplate).findOneByOrFail({ taskType: type });
  }

  // ---- reports (一月一调度 / 一季一总结) --------------------------------------------------------------

  /** Stored reports, newest first. */
  listReports(page: PageArgs): Promise<Connection<SupervisionReport>> {
    const qb = this.dataSource.getRepository(SupervisionReport).createQueryBuilder('r');
    return paginate(qb, page, {
      list: 'supervision.reports',
      valueType: 'timestamp',
      column: 'r.generated_at',
      value: (r) => r.generatedAt,
      tieBreaker: 'r.id',
      tieValue: (r) => r.id,
      direction: 'DESC',
    });
  }

  /** A stored report (null for an id that is no UUID or no report). */
  async reportById(id: string, em: EntityManager = this.dataSource.manager): Promise<SupervisionReport | null> {
    return UUID.test(id) ? em.findOneBy(SupervisionReport, { id }) : null;
  }

  /** The stored files of a report (null when there is no such report; no DOCX for reports stored before it existed). */
  async reportFiles(
    id: string,
  ): Promise<{ csv: string; xlsx: Buffer; docx: Buffer | null; docxSpecial: Buffer | null } | null> {
    if (!UUID.test(id)) return null;
    const [row] = (await this.dataSource.query(
      `SELECT csv, xlsx, docx, docx_special AS "docxSpecial" FROM supervision_report WHERE id = $1`,
      [id],
    )) as { csv: string; xlsx: Buffer; docx: Buffer | null; docxSpecial: Buffer | null }[];
    return row ?? null;
  }

  /**
   * Tasks per lead department or township over [from, to): opened in it, closed in it, and overdue at its
   * end (due before it and not done by then). Areas with none of the three are left out.
   */
  async reportTaskCounts(by: 'department' | 'township', from: Date, to: Date): Promise<ReportAreaCounts[]> {
    const column = by === 'department' ? 'lead_department_code' : 'township_code';
    const rows = (await this.dataSource.query(
      `SELECT ${column} AS code,
              count(*) FILTER (WHERE created_at >= $1 AND created_at < $2)::int AS opened,
              count(*) FILTER (WHERE closed_at >= $1 AND closed_at < $2 AND status = 'CLOSED')::int AS closed,
              count(*) FILTER (WHERE due_at < $2 AND (done_at IS NULL OR done_at >= $2))::int AS overdue
       FROM supervision_task
       WHERE created_at < $2 AND (created_at >= $1 OR closed_at >= $1 OR closed_at IS NULL)
       GROUP BY 1 ORDER BY 1`,
      [from, to],
    )) as ReportAreaCounts[];
    return rows.filter((r) => r.opened || r.closed || r.overdue);
  }

  /** Escalations recorded over [from, to), by level and by kind of item. */
  async reportEscalationCounts(from: Date, to: Date): Promise<ReportEscalationCounts> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE level = 1)::int AS level1, count(*) FILTER (WHERE level = 2)::int AS level2, count(*) FILTER (WHERE level = 3)::int AS level3,
              count(*) FILTER (WHERE item_kind = 'TASK')::int AS tasks, count(*) FILTER (WHERE item_kind = 'ORDER')::int AS orders,
              count(*) FILTER (WHERE item_kind = 'COMPLAINT')::int AS complaints
       FROM supervision_escalation WHERE escalated_at >= $1 AND escalated_at < $2`,
      [from, to],
    )) as ReportEscalationCounts[];
    return row!;
  }

  /** Rectification orders issued before `to`: issued and completed over [from, to), due and completed by `to`. */
  async reportRectificationCounts(from: Date, to: Date): Promise<ReportRectificationCounts> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE created_at >= $1)::int AS issued,
              count(*) FILTER (WHERE completed_at >= $1 AND completed_at < $2)::int AS completed,
              count(*) FILTER (WHERE deadline_at < $2)::int AS "dueByEnd",
              count(*) FILTER (WHERE deadline_at < $2 AND completed_at < $2)::int AS "completedByEnd"
       FROM rectification_order WHERE created_at < $2`,
      [from, to],
    )) as ReportRectificationCounts[];
    return row!;
  }

  // ---- inside a service's transaction -------------------------------------------------------------

  /** The task, locked for the transaction's change (null for an id that is no UUID or no task). */
  async lockTask(em: EntityManager, id: string): Promise<SupervisionTask | null> {
    return UUID.test(id) ? em.findOne(SupervisionTask, { where: { id }, lock: { mode: 'pessimistic_write' } }) : null;
  }

  /** The rectification order, locked for the transaction's change (null for an id that is no UUID or no order). */
  async lockOrder(em: EntityManager, id: string): Promise<RectificationOrder | null> {
    return UUID.test(id)
      ? em.findOne(RectificationOrder, { where: { id }, lock: { mode: 'pessimistic_write' } })
      : null;
  }

  /** A task as the transaction sees it (one it has just inserted, or the task of a finding or order). */
  taskIn(em: EntityManager, id: string): Promise<SupervisionTask | null> {
    return em.findOneBy(SupervisionTask, { id });
  }

  /** A finding as the transaction sees it (null for an id that is no UUID or no finding). */
  async findingIn(em: EntityManager, id: string): Promise<SupervisionFinding | null> {
    return UUID.test(id) ? em.findOneBy(SupervisionFinding, { id }) : null;
  }

  /** Whether the task has at least one finding (a task is submitted with its findings). */
  /** The target's task of a type not yet closed or cancelled, if any (the newest), read in the caller's transaction. */
  async unfinishedTaskOf(
    em: EntityManager,
    type: TaskType,
    targetKind: TargetKind,
    targetId: string,
  ): Promise<SupervisionTask | null> {
    return em
      .getRepository(SupervisionTask)
      .createQueryBuilder('t')
      .where('t.type = :type AND t.target_kind = :targetKind AND t.target_id = :targetId', {
        type,
        targetKind,
        targetId,
      })
      .andWhere(`t.status NOT IN ('CLOSED', 'CANCELLED')`)
      .orderBy('t.created_at', 'DESC')
      .getOne();
  }

  hasFindings(em: EntityManager, taskId: string): Promise<boolean> {
    return em.existsBy(SupervisionFinding, { taskId });
  }

  /** The checklist template of a task type, locked for the transaction's change. */
  lockTemplate(em: EntityManager, type: TaskType): Promise<ChecklistTemplate> {
    return em.findOneOrFail(ChecklistTemplate, { where: { taskType: type }, lock: { mode: 'pessimistic_write' } });
  }

  /** The checklist template of a task type, as the transaction sees it. */
  templateIn(em: EntityManager, type: TaskType): Promise<ChecklistTemplate> {
    return em.findOneByOrFail(ChecklistTemplate, { taskType: type });
  }
}
