import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal } from '../../platform/auth/principal';
import { Clock } from '../../platform/clock/clock';
import { EventPublisher } from '../../platform/events';
import { ValidationFailed } from '../../platform/errors/domain-error';
import { NotificationsFacade } from '../notifications';
import { SupervisionTask } from './entities/supervision-task.entity';
import { illegalTaskTransition, taskNotFound } from './supervision.errors';
import { TaskStatus } from './supervision.enums';
import { SupervisionQueries } from './supervision.queries';
import { assertCanManage, assertCanWork, canReadTask } from './supervision.access';
import { TaskAssigneeService } from './task-assignee.service';
import { requiredReason } from './task-checks';
import { TaskReadService } from './task-read.service';
import { TASK_COMMAND_FROM } from './task-transitions';
import { text } from '../../platform/i18n/text';

/**
 * The lifecycle of a supervision task: ASSIGNED → IN_PROGRESS → SUBMITTED → ACCEPTED / RETURNED → CLOSED
 * (and CANCELLED), and re-assignment. Which command is allowed from which state is task-transitions.ts.
 */
@Injectable()
export class TaskLifecycleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: SupervisionQueries,
    private readonly tasks: TaskReadService,
    private readonly assignees: TaskAssigneeService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsFacade,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
  ) {}

  /** Replaces the assignees (inspectors or officers of the task's departments, township officers of its township). */
  async assign(actor: Principal, id: string, assigneeIds: string[]): Promise<SupervisionTask> {
    const current = await this.tasks.get(actor, id);
    assertCanManage(actor, current.leadDepartmentCode);
    const valid = await this.assignees.validate(assigneeIds, {
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

  start(actor: Principal, id: string): Promise<SupervisionTask> {
    return this.change(actor, id, 'started', TASK_COMMAND_FROM.started, 'work', async (_em, task) => {
      task.status = TaskStatus.IN_PROGRESS;
      return {};
    });
  }

  submit(actor: Principal, id: string): Promise<SupervisionTask> {
    return this.change(actor, id, 'submitted', TASK_COMMAND_FROM.submitted, 'work', async (em, task) => {
      if (!(await this.queries.hasFindings(em, task.id))) {
        throw new ValidationFailed(
          [
            {
              path: 'id',
              message: text('record at least one finding before submitting', '提交前须至少录入一条检查发现'),
            },
          ],
          text('A task is submitted with its findings', '督导任务须连同检查发现一并提交'),
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
    const why = requiredReason(reason);
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
    const why = requiredReason(reason);
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
      const task = await this.queries.lockTask(em, id);
      if (!task || !canReadTask(actor, task)) throw taskNotFound(id);
      if (permission === 'manage') assertCanManage(actor, task.leadDepartmentCode);
      else assertCanWork(actor, task);
      if (!from.includes(task.status)) throw illegalTaskTransition(task.status, verb);
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
      await this.events.publish(em, 'supervision.task.changed', {
        taskId: task.id,
        command: verb,
        fromStatus: before,
        toStatus: task.status,
        leadDepartmentCode: task.leadDepartmentCode,
        townshipCode: task.townshipCode,
      });
      return task;
    });
  }
}
