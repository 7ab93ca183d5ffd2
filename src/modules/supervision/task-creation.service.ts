import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal, systemPrincipal } from '../../platform/auth/principal';
import { Clock } from '../../platform/clock/clock';
import { Problems } from '../../platform/errors/problems';
import { EventPublisher } from '../../platform/events';
import { NotificationsFacade } from '../notifications';
import { ReferenceFacade } from '../reference';
import { RegistryFacade } from '../registry';
import { SupervisionTask } from './entities/supervision-task.entity';
import { DAY_MS } from './ladder';
import { TargetKind, TaskStatus } from './supervision.enums';
import { SupervisionQueries } from './supervision.queries';
import { CreateTaskCommand, SourcedTask, UUID } from './supervision.types';
import { assertCanManage, assertCanTargetDepartment } from './supervision.access';
import { TaskAssigneeService } from './task-assignee.service';
import { exists } from './task-checks';
import { text } from '../../platform/i18n/text';
import {
  MUST_BE_IN_FUTURE,
  MUST_NOT_BE_BLANK,
  NO_SUCH_INSTITUTION,
  noDepartment,
  noTownship,
} from '../../platform/i18n/field-texts';

const SYSTEM = systemPrincipal('supervision');

/**
 * Creating supervision tasks: by the county office or a lead department's officer, or for a source (an
 * event, a completed rectification order) inside the caller's transaction, once per source. Every new
 * task starts ASSIGNED and is audited, evented and announced to its people.
 */
@Injectable()
export class TaskCreationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: SupervisionQueries,
    private readonly assignees: TaskAssigneeService,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly notifications: NotificationsFacade,
    private readonly reference: ReferenceFacade,
    private readonly registry: RegistryFacade,
    private readonly clock: Clock,
  ) {}

  async create(actor: Principal, command: CreateTaskCommand): Promise<SupervisionTask> {
    assertCanManage(actor, command.leadDepartmentCode);
    if (command.targetKind === TargetKind.DEPARTMENT) assertCanTargetDepartment(actor);
    const now = this.clock.now();
    const problems = new Problems();
    const title = command.title.trim();
    problems.check(title, 'title', MUST_NOT_BE_BLANK);
    if (command.dueAt.getTime() <= now.getTime()) problems.add('dueAt', MUST_BE_IN_FUTURE);
    const cooperating = [...new Set(command.cooperatingDepartmentCodes ?? [])];
    if (cooperating.includes(command.leadDepartmentCode))
      problems.add('cooperatingDepartmentCodes', text('must not include the lead department', '不能包含牵头部门'));
    for (const [path, code] of [
      ['leadDepartmentCode', command.leadDepartmentCode],
      ...cooperating.map((c) => ['cooperatingDepartmentCodes', c]),
    ] as [string, string][]) {
      if (!(await exists(() => this.reference.getDepartment(code)))) problems.add(path, noDepartment(code));
    }
    if (
      command.campaignId &&
      !(UUID.test(command.campaignId) && (await this.queries.campaignExists(command.campaignId)))
    ) {
      problems.add('campaignId', text('no such campaign', '专项行动不存在'));
    }
    const target = await this.resolveTarget(
      command.targetKind,
      command.targetId.trim(),
      command.townshipCode,
      problems,
    );
    problems.throwIfAny();
    const assigneeIds = await this.assignees.validate(command.assigneeIds ?? [], {
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
    const template = await this.queries.templateIn(em, source.type);
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
    const task = await this.queries.taskIn(em, inserted[0].id);
    if (!task) throw new Error(`task ${inserted[0].id} not found in the transaction that inserted it`);
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

  /** The institution and township a target implies; unknown targets are validation problems. */
  private async resolveTarget(kind: TargetKind, id: string, townshipCode: string | undefined, problems: Problems) {
    let institutionId: string | null = null;
    let township: string | null = townshipCode?.trim() || null;
    if (kind === TargetKind.INSTITUTION) {
      const institution = await this.registry.findInstitution({ id });
      if (!institution) problems.add('targetId', NO_SUCH_INSTITUTION);
      else {
        institutionId = institution.id;
        township = institution.townshipCode;
      }
    } else if (kind === TargetKind.TOWNSHIP) {
      township = id;
    } else if (kind === TargetKind.DEPARTMENT) {
      if (!(await exists(() => this.reference.getDepartment(id)))) problems.add('targetId', noDepartment(id));
    } else if (kind === TargetKind.SCHOOL) {
      const school = UUID.test(id) ? await this.reference.getSchool(SYSTEM, id).catch(() => null) : null;
      if (!school) problems.add('targetId', text('no such school', '学校不存在'));
      else township = school.townshipCode;
    }
    if (township && !(await exists(() => this.reference.getTownship(township as string)))) {
      problems.add(kind === TargetKind.TOWNSHIP ? 'targetId' : 'townshipCode', noTownship(township));
    }
    return { institutionId, townshipCode: township };
  }
}
