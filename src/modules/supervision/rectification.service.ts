import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal } from '../../platform/auth/principal';
import { Clock } from '../../platform/clock/clock';
import { ValidationFailed } from '../../platform/errors/domain-error';
import { Problems } from '../../platform/errors/problems';
import { EventPublisher } from '../../platform/events';
import { Connection, PageArgs } from '../../platform/graphql/pagination';
import { NotificationsFacade } from '../notifications';
import { RegistryFacade } from '../registry';
import { RectificationOrder } from './entities/rectification-order.entity';
import { ChecklistResultRecord, SupervisionFinding } from './entities/supervision-finding.entity';
import { SupervisionViolation } from './entities/supervision-violation.entity';
import { SupervisionEscalation } from './entities/supervision-escalation.entity';
import {
  findingNotFound,
  illegalTaskTransition,
  orderAlreadyCompleted,
  orderNotFound,
  taskNotFound,
} from './supervision.errors';
import { RectificationStatus, TargetKind, TaskStatus, TaskType } from './supervision.enums';
import { SupervisionQueries } from './supervision.queries';
import { IssueOrderCommand, OrderFilter, RecordFindingCommand, UUID } from './supervision.types';
import { actorName } from '../../platform/auth/principal';
import { assertCanManage, assertCanWork, canReadTask } from './supervision.access';
import { TaskCreationService } from './task-creation.service';
import { text } from '../../platform/i18n/text';
import { MUST_BE_IN_FUTURE, MUST_NOT_BE_BLANK, NO_SUCH_INSTITUTION } from '../../platform/i18n/field-texts';

/** Findings of a task, the rectification orders they give rise to (整改) and their completion (opening the re-check, 整改复查). */
@Injectable()
export class RectificationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: SupervisionQueries,
    private readonly tasks: TaskCreationService,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly notifications: NotificationsFacade,
    private readonly registry: RegistryFacade,
    private readonly clock: Clock,
  ) {}

  // ---- reading ------------------------------------------------------------------------------------

  findings(taskId: string): Promise<SupervisionFinding[]> {
    return this.queries.findings(taskId);
  }

  violations(findingId: string): Promise<SupervisionViolation[]> {
    return this.queries.violations(findingId);
  }

  orders(taskId: string): Promise<RectificationOrder[]> {
    return this.queries.orders(taskId);
  }

  escalations(itemId: string): Promise<SupervisionEscalation[]> {
    return this.queries.escalations(itemId);
  }

  /**
   * Rectification orders the caller may see (the scope of their tasks), newest first: by status, overdue
   * (open past the deadline), township, institution.
   */
  listOrders(actor: Principal, filter: OrderFilter, page: PageArgs): Promise<Connection<RectificationOrder>> {
    return this.queries.listOrders(actor, filter, page);
  }

  isOrderOverdue(order: Pick<RectificationOrder, 'status' | 'deadlineAt'>): boolean {
    return order.status === RectificationStatus.OPEN && order.deadlineAt.getTime() < this.clock.now().getTime();
  }

  async getOrder(actor: Principal, id: string): Promise<RectificationOrder> {
    const order = UUID.test(id) ? await this.queries.orderById(id) : null;
    const task = order ? await this.queries.taskById(order.taskId) : null;
    if (!order || !task || !canReadTask(actor, task)) throw orderNotFound(id);
    return order;
  }

  // ---- findings and rectification -------------------------------------------------------------

  async recordFinding(actor: Principal, taskId: string, command: RecordFindingCommand): Promise<SupervisionFinding> {
    const summary = command.summary.trim();
    const problems = new Problems();
    problems.check(summary, 'summary', MUST_NOT_BE_BLANK);
    const codes = command.checklistResults.map((r) => r.code);
    problems.check(
      new Set(codes).size === codes.length,
      'checklistResults',
      text('lists an item twice', '检查项重复列出'),
    );
    const institutionIds = [...new Set(command.violations.map((v) => v.institutionId).filter((v): v is string => !!v))];
    const known = new Set((await this.registry.getInstitutions(institutionIds)).map((i) => i.id));
    command.violations.forEach((v, i) => {
      if (v.institutionId && !known.has(v.institutionId))
        problems.add(`violations.${i}.institutionId`, NO_SUCH_INSTITUTION);
    });
    problems.throwIfAny();
    return this.dataSource.transaction(async (em) => {
      const task = await this.queries.lockTask(em, taskId);
      if (!task || !canReadTask(actor, task)) throw taskNotFound(taskId);
      assertCanWork(actor, task);
      if (task.status !== TaskStatus.IN_PROGRESS)
        throw illegalTaskTransition(task.status, 'given findings (start it first)');
      const checklist = new Set(task.checklist.map((c) => c.code));
      const late = new Problems();
      codes.forEach((code, i) => {
        if (!checklist.has(code))
          late.add(
            `checklistResults.${i}.code`,
            text(
              `not on this task's checklist (${[...checklist].join(', ')})`,
              `不在本任务的检查清单中（${[...checklist].join('、')}）`,
            ),
          );
      });
      command.violations.forEach((v, i) => {
        if (!v.institutionId && !task.institutionId)
          late.add(
            `violations.${i}.institutionId`,
            text('required: the task has no institution', '必须填写：该任务未指定机构'),
          );
      });
      late.throwIfAny();
      const now = this.clock.now();
      const results: ChecklistResultRecord[] = command.checklistResults.map((r) => ({
        code: r.code,
        result: r.result,
        note: r.note?.trim() || null,
      }));
      const finding = await em.save(
        em.create(SupervisionFinding, {
          taskId: task.id,
          summary,
          checklistResults: results,
          evidence: command.evidence,
          recordedBy: actorName(actor),
          recordedAt: now,
        }),
      );
      for (const v of command.violations) {
        const violation = await em.save(
          em.create(SupervisionViolation, {
            findingId: finding.id,
            taskId: task.id,
            institutionId: (v.institutionId ?? task.institutionId) as string,
            severity: v.severity,
            kind: v.kind,
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
        summary: {
          taskId: task.id,
          results: results.length,
          evidence: command.evidence.length,
          violations: command.violations.map((v) => `${v.severity}:${v.kind}`),
        },
      });
      return finding;
    });
  }

  async issueOrder(actor: Principal, findingId: string, command: IssueOrderCommand): Promise<RectificationOrder> {
    const requirements = command.requirements.trim();
    const now = this.clock.now();
    const problems = new Problems();
    problems.check(requirements, 'requirements', MUST_NOT_BE_BLANK);
    if (command.deadlineAt.getTime() <= now.getTime()) problems.add('deadlineAt', MUST_BE_IN_FUTURE);
    if (command.institutionId && (await this.registry.getInstitutions([command.institutionId])).length === 0)
      problems.add('institutionId', NO_SUCH_INSTITUTION);
    return this.dataSource.transaction(async (em) => {
      const finding = await this.queries.findingIn(em, findingId);
      const task = finding ? await this.queries.taskIn(em, finding.taskId) : null;
      if (!finding || !task || !canReadTask(actor, task)) throw findingNotFound(findingId);
      assertCanManage(actor, task.leadDepartmentCode);
      problems.throwIfAny();
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
      await this.audit.record(em, {
        actor,
        action: 'supervision.rectification.issued',
        entityType: 'rectification_order',
        entityId: order.id,
        summary: {
          taskId: task.id,
          findingId: finding.id,
          institutionId: order.institutionId,
          deadlineAt: order.deadlineAt.toISOString(),
        },
      });
      await this.events.publish(em, 'supervision.rectification.issued', {
        orderId: order.id,
        findingId: finding.id,
        taskId: task.id,
        institutionId: order.institutionId,
        deadlineAt: order.deadlineAt.toISOString(),
      });
      await this.notifications.notify(
        em,
        {
          departmentCodes: [task.leadDepartmentCode],
          townshipCodes: task.townshipCode ? [task.townshipCode] : [],
          userIds: task.assigneeIds,
        },
        {
          kind: 'supervision.rectification.issued',
          title: `整改通知：${task.title}`,
          body: `${requirements} (deadline ${order.deadlineAt.toISOString()})`,
          entityType: 'rectification_order',
          entityId: order.id,
        },
      );
      return order;
    });
  }

  /** Records that an order was carried out and opens the re-check task (整改复查). */
  async completeOrder(actor: Principal, orderId: string, note: string): Promise<RectificationOrder> {
    const completionNote = note.trim();
    if (!completionNote) throw new ValidationFailed([{ path: 'note', message: MUST_NOT_BE_BLANK }]);
    return this.dataSource.transaction(async (em) => {
      const order = await this.queries.lockOrder(em, orderId);
      const task = order ? await this.queries.taskIn(em, order.taskId) : null;
      if (!order || !task || !canReadTask(actor, task)) throw orderNotFound(orderId);
      assertCanManage(actor, task.leadDepartmentCode);
      if (order.status !== RectificationStatus.OPEN) throw orderAlreadyCompleted(order.id);
      const recheck = await this.tasks.createFromSource(
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
      await this.audit.record(em, {
        actor,
        action: 'supervision.rectification.completed',
        entityType: 'rectification_order',
        entityId: order.id,
        summary: { note: completionNote, recheckTaskId: recheck.id },
      });
      await this.events.publish(em, 'supervision.rectification.completed', {
        orderId: order.id,
        taskId: task.id,
        institutionId: order.institutionId,
        recheckTaskId: recheck.id,
      });
      return order;
    });
  }
}
