import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { AuditService } from '../../../platform/audit/audit.service';
import { Principal, actorName, hasRole } from '../../../platform/auth/principal';
import { Role } from '../../../platform/auth/role';
import { addDays, businessToday } from '../../../platform/clock/business-time';
import { Clock } from '../../../platform/clock/clock';
import { Problems } from '../../../platform/errors/problems';
import { EventPublisher, EventPayload } from '../../../platform/events';
import { text } from '../../../platform/i18n/text';
import { MUST_NOT_BE_BLANK, noDepartment, notBefore } from '../../../platform/i18n/field-texts';
import { NotificationsFacade } from '../../notifications';
import { ReferenceFacade, schoolNotFound } from '../../reference';
import { TeacherBurdenDemand } from './entities/teacher-burden-demand.entity';
import { assertCanDispute, assertOwnSchool } from './teacher-burden.access';
import { BurdenApprovalStatus, BurdenDemandKind } from './teacher-burden.enums';
import { burdenDemandConflict, burdenDemandNotFound, burdenRecorderOnly } from './teacher-burden.errors';
import { TeacherBurdenQueries } from './teacher-burden.queries';
import { maxTeacherHours } from './teacher-burden.rules';

export interface RecordBurdenDemandCommand {
  schoolId: string;
  kind: BurdenDemandKind;
  title: string;
  description?: string;
  requesterDepartmentCode?: string;
  requesterName?: string;
  startsOn: string;
  endsOn: string;
  teachersInvolved: number;
  teacherHours: number;
  approvalReference?: string;
}

/** How far from today a demand may start: a school records what it was asked last year or is asked for the coming one. */
const MAX_DAYS_FROM_TODAY = 366;
/** The longest demand (a term-long evaluation). */
const MAX_SPAN_DAYS = 183;

const KIND_NAMES: Record<BurdenDemandKind, string> = {
  INSPECTION: '督查检查',
  EVALUATION: '考核评比',
  FORM_FILLING: '填表报数',
  CAMPUS_ACTIVITY: '进校园活动',
  OTHER: '其他事项',
};

/**
 * Teacher burden (教师负担): a school administrator records the non-teaching demands placed on the school
 * (and withdraws one recorded by mistake); the county office or the inspection office disputes a declared
 * approval. A demand without the county's approval is flagged to the inspection office (督导室) at once and
 * evented (`schools.burden_demand.unapproved`), which opens its review task. Every change is audited and
 * evented in its transaction.
 */
@Injectable()
export class TeacherBurdenService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: TeacherBurdenQueries,
    private readonly reference: ReferenceFacade,
    private readonly notifications: NotificationsFacade,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async record(actor: Principal, c: RecordBurdenDemandCommand): Promise<TeacherBurdenDemand> {
    assertOwnSchool(actor, c.schoolId);
    const [school] = await this.reference.schoolsByIds([c.schoolId]);
    if (!school) throw schoolNotFound(c.schoolId);
    const problems = new Problems();
    const title = c.title.trim();
    problems.check(title, 'title', MUST_NOT_BE_BLANK);
    const department = c.requesterDepartmentCode?.trim() || null;
    const outsider = c.requesterName?.trim() || null;
    if (!department === !outsider)
      problems.add(
        'requesterDepartmentCode',
        text(
          'give exactly one requester: a department code or the name of an outside body',
          '须且只能填写一个提出方：部门代码或外部单位名称',
        ),
      );
    if (
      department &&
      !(await this.reference.getDepartment(department).then(
        () => true,
        () => false,
      ))
    )
      problems.add('requesterDepartmentCode', noDepartment(department));
    const today = businessToday(this.clock, this.config.timeZone);
    if (c.endsOn < c.startsOn) problems.add('endsOn', notBefore('startsOn'));
    else if (c.endsOn > addDays(c.startsOn, MAX_SPAN_DAYS - 1))
      problems.add('endsOn', text(`a demand lasts at most ${MAX_SPAN_DAYS} days`, `事项最长 ${MAX_SPAN_DAYS} 天`));
    if (c.startsOn < addDays(today, -MAX_DAYS_FROM_TODAY) || c.startsOn > addDays(today, MAX_DAYS_FROM_TODAY))
      problems.add(
        'startsOn',
        text(`must be within ${MAX_DAYS_FROM_TODAY} days of today`, `须在今天前后 ${MAX_DAYS_FROM_TODAY} 天之内`),
      );
    if (Math.round(c.teacherHours * 10) !== c.teacherHours * 10 || c.teacherHours <= 0)
      problems.add('teacherHours', text('must be positive, in tenths of an hour', '须为正数，精确到 0.1 小时'));
    else if (c.endsOn >= c.startsOn && c.teacherHours > maxTeacherHours(c.teachersInvolved, c.startsOn, c.endsOn))
      problems.add(
        'teacherHours',
        text(
          'is more than the teachers involved could spend in those days (12 hours a day each)',
          '超过参与教师在该期间可能投入的时间（每人每天 12 小时）',
        ),
      );
    const reference = c.approvalReference?.trim() || null;
    if (c.approvalReference !== undefined && c.approvalReference !== null && !reference)
      problems.add('approvalReference', MUST_NOT_BE_BLANK);
    problems.throwIfAny();
    const approval = reference ? BurdenApprovalStatus.DECLARED : BurdenApprovalStatus.NONE;
    const now = this.clock.now();
    return this.dataSource.transaction(async (em) => {
      const demand = await em.save(
        em.create(TeacherBurdenDemand, {
          schoolId: school.id,
          townshipCode: school.townshipCode,
          kind: c.kind,
          title,
          description: c.description?.trim() ?? '',
          requesterDepartmentCode: department,
          requesterName: outsider,
          startsOn: c.startsOn,
          endsOn: c.endsOn,
          teachersInvolved: c.teachersInvolved,
          teacherHours: c.teacherHours.toFixed(1),
          approvalStatus: approval,
          approvalReference: reference,
          disputeReason: null,
          disputedAt: null,
          disputedByName: null,
          withdrawnAt: null,
          withdrawalReason: null,
          recordedByUserId: actor.kind === 'user' ? actor.userId : null,
          recordedByName: actorName(actor),
          createdAt: now,
          updatedAt: now,
        }),
      );
      await this.audit.record(em, {
        actor,
        action: 'schools.burden_demand.recorded',
        entityType: 'teacher_burden_demand',
        entityId: demand.id,
        summary: {
          kind: demand.kind,
          requester: department ?? outsider,
          startsOn: demand.startsOn,
          endsOn: demand.endsOn,
          teachersInvolved: demand.teachersInvolved,
          teacherHours: demand.teacherHours,
          approvalStatus: approval,
          approvalReference: reference,
        },
      });
      await this.events.publish(em, 'schools.burden_demand.recorded', this.payload(demand));
      if (approval === BurdenApprovalStatus.NONE) await this.flag(em, demand, 'NO_APPROVAL', school.name);
      return demand;
    });
  }

  /** A demand recorded by mistake leaves the figures; the row and its history stay. */
  async withdraw(actor: Principal, id: string, reason: string): Promise<TeacherBurdenDemand> {
    if (!hasRole(actor, Role.SCHOOL_ADMIN)) throw burdenRecorderOnly();
    const why = reason.trim();
    if (!why) new Problems().add('reason', MUST_NOT_BE_BLANK).throwIfAny();
    return this.dataSource.transaction(async (em) => {
      const demand = await this.queries.lock(em, id);
      // Another school's demand is "not found", as its records are.
      if (!demand || demand.schoolId !== actor.schoolId) throw burdenDemandNotFound(id);
      if (demand.withdrawnAt) throw burdenDemandConflict('WITHDRAWN', 'withdrawn');
      demand.withdrawnAt = this.clock.now();
      demand.withdrawalReason = why;
      demand.updatedAt = demand.withdrawnAt;
      await em.save(demand);
      await this.audit.record(em, {
        actor,
        action: 'schools.burden_demand.withdrawn',
        entityType: 'teacher_burden_demand',
        entityId: demand.id,
        summary: { reason: why, approvalStatus: demand.approvalStatus },
      });
      await this.events.publish(em, 'schools.burden_demand.withdrawn', { ...this.payload(demand), reason: why });
      if (demand.approvalStatus !== BurdenApprovalStatus.DECLARED)
        await this.notifications.notify(
          em,
          { departmentCodes: ['INSPECTION_OFFICE'] },
          {
            kind: 'schools.burden_demand.withdrawn',
            title: `未经审批的教师负担事项已被学校撤回：${demand.title}`,
            body: `撤回理由：${why}`,
            entityType: 'teacher_burden_demand',
            entityId: demand.id,
          },
        );
      return demand;
    });
  }

  /** The county finds a declared approval reference is not on its list (or not for this demand): flagged. */
  async disputeApproval(actor: Principal, id: string, reason: string): Promise<TeacherBurdenDemand> {
    assertCanDispute(actor);
    const why = reason.trim();
    if (!why) new Problems().add('reason', MUST_NOT_BE_BLANK).throwIfAny();
    return this.dataSource.transaction(async (em) => {
      const demand = await this.queries.lock(em, id);
      if (!demand) throw burdenDemandNotFound(id);
      if (demand.withdrawnAt) throw burdenDemandConflict('WITHDRAWN', 'disputed');
      if (demand.approvalStatus !== BurdenApprovalStatus.DECLARED)
        throw burdenDemandConflict(demand.approvalStatus, 'disputed');
      const now = this.clock.now();
      demand.approvalStatus = BurdenApprovalStatus.DISPUTED;
      demand.disputeReason = why;
      demand.disputedAt = now;
      demand.disputedByName = actorName(actor);
      demand.updatedAt = now;
      await em.save(demand);
      await this.audit.record(em, {
        actor,
        action: 'schools.burden_demand.approval_disputed',
        entityType: 'teacher_burden_demand',
        entityId: demand.id,
        summary: {
          from: BurdenApprovalStatus.DECLARED,
          to: demand.approvalStatus,
          reference: demand.approvalReference,
          reason: why,
        },
      });
      const [school] = await this.reference.schoolsByIds([demand.schoolId]);
      await this.notifications.notify(
        em,
        { schoolIds: [demand.schoolId] },
        {
          kind: 'schools.burden_demand.approval_disputed',
          title: `教师负担事项审批文号存疑：${demand.title}`,
          body: `县里对审批文号“${demand.approvalReference}”提出异议：${why}`,
          entityType: 'teacher_burden_demand',
          entityId: demand.id,
        },
      );
      await this.flag(em, demand, 'APPROVAL_DISPUTED', school?.name ?? demand.schoolId);
      return demand;
    });
  }

  /** Flags an unapproved demand to the inspection office and events it (the review task follows). */
  private async flag(
    em: EntityManager,
    demand: TeacherBurdenDemand,
    reason: 'NO_APPROVAL' | 'APPROVAL_DISPUTED',
    schoolName: string,
  ): Promise<void> {
    if (reason === 'NO_APPROVAL')
      await this.notifications.notify(
        em,
        { departmentCodes: ['INSPECTION_OFFICE'] },
        {
          kind: 'schools.burden_demand.unapproved',
          title: `未经审批的${KIND_NAMES[demand.kind]}进校：${schoolName}`,
          body: `${demand.title}（提出方：${demand.requesterName ?? demand.requesterDepartmentCode}；${demand.startsOn} 至 ${demand.endsOn}；${demand.teachersInvolved} 名教师，共 ${demand.teacherHours} 小时）未经县级审批。`,
          entityType: 'teacher_burden_demand',
          entityId: demand.id,
        },
      );
    await this.events.publish(em, 'schools.burden_demand.unapproved', { ...this.payload(demand), reason });
  }

  private payload(d: TeacherBurdenDemand): EventPayload<'schools.burden_demand.recorded'> {
    return {
      demandId: d.id,
      schoolId: d.schoolId,
      townshipCode: d.townshipCode,
      kind: d.kind,
      title: d.title,
      requesterDepartmentCode: d.requesterDepartmentCode,
      requesterName: d.requesterName,
      startsOn: d.startsOn,
      endsOn: d.endsOn,
      teacherHours: d.teacherHours,
      approvalStatus: d.approvalStatus,
    };
  }
}
