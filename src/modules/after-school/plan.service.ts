import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal, systemPrincipal } from '../../platform/auth/principal';
import { applyScope } from '../../platform/auth/scope';
import { Clock } from '../../platform/clock/clock';
import { PolicyFacade } from '../policy';
import { EventPublisher } from '../../platform/events';
import { Connection, PageArgs, paginate } from '../../platform/graphql/pagination';
import { CreditFacade } from '../credit';
import { NotificationsFacade } from '../notifications';
import { ReferenceFacade, schoolNotFound } from '../reference';
import { InstitutionCategory, InstitutionStatus, RegistryFacade } from '../registry';
import { READERS, assertOwnSchool, assertPlanReviewer, readOptions, scopeColumns } from './after-school.access';
import {
  invalidAfterSchoolInput,
  planNotEditable,
  planRulesBroken,
  staffRejected,
  planNotFound,
} from './after-school.errors';
import { SEMESTER_PATTERN, TimeSlot, planSlotProblems } from './after-school.rules';
import { AfterSchoolPlanStaff, StaffKind } from './entities/after-school-plan-staff.entity';
import { AfterSchoolPlan, PlanStatus } from './entities/after-school-plan.entity';
import { text } from '../../platform/i18n/text';

interface StaffCommand {
  kind: StaffKind;
  teacherId?: string;
  institutionId?: string;
  /** Volunteers: their name (teachers and institutions are named from the roster and the registry). */
  name?: string;
}

interface SavePlanCommand {
  schoolId: string;
  semester: string;
  timeSlots: TimeSlot[];
  basicCare: string;
  customisedServices: string[];
  staff: StaffCommand[];
}

interface PlanFilter {
  schoolId?: string;
  townshipCode?: string;
  semester?: string;
  status?: PlanStatus;
}

export interface InstitutionRemoval {
  planIds: string[];
  schoolIds: string[];
}

const EDITABLE = [PlanStatus.DRAFT, PlanStatus.RETURNED];

/** One-school-one-plan (一校一案): drafted and submitted by the school, approved or returned by EDU. */
@Injectable()
export class PlanService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reference: ReferenceFacade,
    private readonly registry: RegistryFacade,
    private readonly credit: CreditFacade,
    private readonly notifications: NotificationsFacade,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
    private readonly policy: PolicyFacade,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Creates the school's plan for a semester, or replaces a draft or returned one. */
  async save(actor: Principal, command: SavePlanCommand): Promise<AfterSchoolPlan> {
    assertOwnSchool(actor, command.schoolId);
    if (!SEMESTER_PATTERN.test(command.semester))
      throw invalidAfterSchoolInput(
        'semester',
        text(
          'semester must be YYYY-1 (autumn) or YYYY-2 (spring)',
          'semester 须为 YYYY-1（秋季学期）或 YYYY-2（春季学期）',
        ),
      );
    const problems = planSlotProblems(
      command.timeSlots,
      await this.policy.timeOfDay('after_school.off_work_time'),
      await this.policy.value('after_school.min_daily_minutes'),
    );
    if (problems.length > 0) throw planRulesBroken(problems);
    const [school] = await this.reference.schoolsByIds([command.schoolId]);
    if (!school) throw schoolNotFound(command.schoolId);
    const staff = await this.resolveStaff(command.schoolId, command.staff);
    const now = this.clock.now();
    const id = await this.dataSource.transaction(async (em) => {
      let plan = await em.findOne(AfterSchoolPlan, {
        where: { schoolId: command.schoolId, semester: command.semester },
        lock: { mode: 'pessimistic_write' },
      });
      const created = !plan;
      if (plan && !EDITABLE.includes(plan.status)) throw planNotEditable(plan.status, 'changed');
      plan ??= em.create(AfterSchoolPlan, {
        schoolId: school.id,
        townshipCode: school.townshipCode,
        semester: command.semester,
        status: PlanStatus.DRAFT,
        createdAt: now,
        reviewComment: null,
        submittedAt: null,
        reviewedAt: null,
      });
      Object.assign(plan, {
        timeSlots: command.timeSlots,
        basicCare: command.basicCare,
        customisedServices: command.customisedServices,
        updatedAt: now,
      });
      await em.save(plan);
      await em.delete(AfterSchoolPlanStaff, { planId: plan.id, removedAt: IsNull() });
      if (staff.length > 0)
        await em.insert(
          AfterSchoolPlanStaff,
          staff.map((s) => ({ ...s, planId: plan.id, schoolId: school.id, removedAt: null, removalReason: null })),
        );
      await this.audit.record(em, {
        actor,
        action: created ? 'after_school.plan.created' : 'after_school.plan.updated',
        entityType: 'after_school_plan',
        entityId: plan.id,
        summary: { schoolId: school.id, semester: command.semester, staff: staff.length },
      });
      return plan.id;
    });
    return this.load(id);
  }

  async submit(actor: Principal, id: string): Promise<AfterSchoolPlan> {
    return this.transition(actor, id, 'submitted', async (em, plan) => {
      assertOwnSchool(actor, plan.schoolId);
      if (!EDITABLE.includes(plan.status)) throw planNotEditable(plan.status, 'submitted');
      plan.status = PlanStatus.SUBMITTED;
      plan.submittedAt = this.clock.now();
      await this.events.publish(em, 'after_school.plan.submitted', {
        planId: plan.id,
        schoolId: plan.schoolId,
        semester: plan.semester,
      });
      await this.notifications.notify(
        em,
        { departmentCodes: ['EDU'] },
        {
          kind: 'after_school.plan.submitted',
          title: '课后服务方案待审核',
          body: `学校提交了 ${plan.semester} 学期课后服务方案（一校一案），请审核。`,
          entityType: 'after_school_plan',
          entityId: plan.id,
        },
      );
    });
  }

  async approve(actor: Principal, id: string, comment?: string): Promise<AfterSchoolPlan> {
    assertPlanReviewer(actor);
    return this.transition(
      actor,
      id,
      'approved',
      async (em, plan) => {
        if (plan.status !== PlanStatus.SUBMITTED) throw planNotEditable(plan.status, 'approved');
        Object.assign(plan, {
          status: PlanStatus.APPROVED,
          reviewedAt: this.clock.now(),
          reviewComment: comment ?? null,
        });
        await this.events.publish(em, 'after_school.plan.approved', {
          planId: plan.id,
          schoolId: plan.schoolId,
          semester: plan.semester,
        });
        await this.notifications.notify(
          em,
          { schoolIds: [plan.schoolId] },
          {
            kind: 'after_school.plan.approved',
            title: '课后服务方案已通过',
            body: `${plan.semester} 学期课后服务方案已由教育局审核通过。`,
            entityType: 'after_school_plan',
            entityId: plan.id,
          },
        );
      },
      { comment },
    );
  }

  async return(actor: Principal, id: string, reason: string): Promise<AfterSchoolPlan> {
    assertPlanReviewer(actor);
    return this.transition(
      actor,
      id,
      'returned',
      async (em, plan) => {
        if (plan.status !== PlanStatus.SUBMITTED) throw planNotEditable(plan.status, 'returned');
        Object.assign(plan, { status: PlanStatus.RETURNED, reviewedAt: this.clock.now(), reviewComment: reason });
        await this.events.publish(em, 'after_school.plan.returned', {
          planId: plan.id,
          schoolId: plan.schoolId,
          semester: plan.semester,
          reason,
        });
        await this.notifications.notify(
          em,
          { schoolIds: [plan.schoolId] },
          {
            kind: 'after_school.plan.returned',
            title: '课后服务方案被退回',
            body: `${plan.semester} 学期课后服务方案被退回：${reason}`,
            entityType: 'after_school_plan',
            entityId: plan.id,
          },
        );
      },
      { reason },
    );
  }

  /** A plan the principal may see; one outside its scope is "not found". */
  async get(actor: Principal, id: string): Promise<AfterSchoolPlan> {
    const qb = this.dataSource.getRepository(AfterSchoolPlan).createQueryBuilder('p').where('p.id = :id', { id });
    const plan = await applyScope(qb, actor, scopeColumns('p'), readOptions(actor, READERS.records)).getOne();
    if (!plan) throw planNotFound(id);
    return plan;
  }

  list(actor: Principal, filter: PlanFilter, page: PageArgs): Promise<Connection<AfterSchoolPlan>> {
    const qb = applyScope(
      this.dataSource.getRepository(AfterSchoolPlan).createQueryBuilder('p'),
      actor,
      scopeColumns('p'),
      readOptions(actor, READERS.records),
    );
    if (filter.schoolId) qb.andWhere('p.school_id = :school', { school: filter.schoolId });
    if (filter.townshipCode) qb.andWhere('p.township_code = :township', { township: filter.townshipCode });
    if (filter.semester) qb.andWhere('p.semester = :semester', { semester: filter.semester });
    if (filter.status) qb.andWhere('p.status = :status', { status: filter.status });
    return paginate(qb, page, {
      list: 'after-school.plans',
      valueType: 'timestamp',
      column: 'p.updated_at',
      value: (p) => p.updatedAt,
      tieBreaker: 'p.id',
      tieValue: (p) => p.id,
      direction: 'DESC',
    });
  }

  /** The current staff of plans (institutions taken off are left out), for the `staff` field. */
  async staffOfPlans(planIds: readonly string[]): Promise<AfterSchoolPlanStaff[]> {
    return this.dataSource
      .getRepository(AfterSchoolPlanStaff)
      .find({ where: { planId: In([...planIds]), removedAt: IsNull() }, order: { kind: 'ASC', name: 'ASC' } });
  }

  /**
   * Takes an institution off every plan that brings it in (it was blacklisted), in the caller's
   * transaction: the staff rows keep the removal and its reason, each school is notified, and
   * `after_school.institution.removed_from_plans` is published. Running it again changes nothing.
   */
  async removeInstitutionFromPlans(
    em: EntityManager,
    institutionId: string,
    reason: string,
  ): Promise<InstitutionRemoval> {
    const now = this.clock.now();
    // TypeORM answers an UPDATE … RETURNING with [rows, affected].
    const [rows] = (await em.query(
      `UPDATE after_school_plan_staff SET removed_at = $2, removal_reason = $3
       WHERE institution_id = $1 AND removed_at IS NULL RETURNING id, plan_id, school_id, name`,
      [institutionId, now, reason],
    )) as [{ id: string; plan_id: string; school_id: string; name: string }[], number];
    if (rows.length === 0) return { planIds: [], schoolIds: [] };
    const planIds = [...new Set(rows.map((r) => r.plan_id))];
    const schoolIds = [...new Set(rows.map((r) => r.school_id))];
    const actor = systemPrincipal('after-school');
    for (const planId of planIds) {
      await this.audit.record(em, {
        actor,
        action: 'after_school.plan.institution_removed',
        entityType: 'after_school_plan',
        entityId: planId,
        summary: { institutionId, reason },
      });
    }
    const name = rows[0]!.name;
    await this.notifications.notify(
      em,
      { schoolIds },
      {
        kind: 'after_school.institution.removed',
        title: '课后服务引进机构已移出',
        body: `机构“${name}”已被移出本校课后服务方案：${reason}`,
        entityType: 'institution',
        entityId: institutionId,
      },
    );
    await this.events.publish(em, 'after_school.institution.removed_from_plans', {
      institutionId,
      planIds,
      schoolIds,
      reason,
    });
    return { planIds, schoolIds };
  }

  private async transition(
    actor: Principal,
    id: string,
    verb: 'submitted' | 'approved' | 'returned',
    change: (em: EntityManager, plan: AfterSchoolPlan) => Promise<void>,
    summary: Record<string, unknown> = {},
  ): Promise<AfterSchoolPlan> {
    await this.get(actor, id);
    await this.dataSource.transaction(async (em) => {
      const plan = await em.findOneOrFail(AfterSchoolPlan, { where: { id }, lock: { mode: 'pessimistic_write' } });
      const from = plan.status;
      await change(em, plan);
      plan.updatedAt = this.clock.now();
      await em.save(plan);
      await this.audit.record(em, {
        actor,
        action: `after_school.plan.${verb}`,
        entityType: 'after_school_plan',
        entityId: id,
        summary: { from, to: plan.status, ...summary },
      });
    });
    return this.load(id);
  }

  private load(id: string): Promise<AfterSchoolPlan> {
    return this.dataSource.getRepository(AfterSchoolPlan).findOneByOrFail({ id });
  }

  /** Teachers must be active on the school's roster; institutions NON_SUBJECT, OPERATING and whitelisted. */
  private async resolveStaff(
    schoolId: string,
    staff: StaffCommand[],
  ): Promise<Pick<AfterSchoolPlanStaff, 'kind' | 'teacherId' | 'institutionId' | 'name'>[]> {
    const teacherIds = staff.filter((s) => s.kind === StaffKind.TEACHER).map((s) => s.teacherId ?? '');
    const institutionIds = staff.filter((s) => s.kind === StaffKind.INSTITUTION).map((s) => s.institutionId ?? '');
    if (new Set(teacherIds).size !== teacherIds.length || new Set(institutionIds).size !== institutionIds.length)
      throw staffRejected(text('A teacher or institution is listed twice', '教师或机构重复列出'));
    const teachers = new Map((await this.reference.teachersByIds(teacherIds.filter(Boolean))).map((t) => [t.id, t]));
    const institutions = new Map(
      (await this.registry.getInstitutions(institutionIds.filter(Boolean))).map((i) => [i.id, i]),
    );
    const standings = new Map(
      (await this.credit.standings([...institutions.keys()])).map((s) => [s.institutionId, s.standing]),
    );
    return staff.map((s) => {
      switch (s.kind) {
        case StaffKind.TEACHER: {
          const teacher = s.teacherId ? teachers.get(s.teacherId) : undefined;
          if (!teacher || teacher.schoolId !== schoolId || !teacher.active)
            throw staffRejected(
              text(
                `Teacher ${s.teacherId ?? '(none)'} is not an active teacher on this school's roster`,
                `教师 ${s.teacherId ?? '（未填写）'} 不是本校在册的在职教师`,
              ),
            );
          return { kind: s.kind, teacherId: teacher.id, institutionId: null, name: teacher.name };
        }
        case StaffKind.INSTITUTION: {
          const institution = s.institutionId ? institutions.get(s.institutionId) : undefined;
          if (!institution)
            throw staffRejected(
              text(
                `Institution ${s.institutionId ?? '(none)'} is not in the registry`,
                `机构 ${s.institutionId ?? '（未填写）'} 未在机构名录中登记`,
              ),
            );
          if (institution.category !== InstitutionCategory.NON_SUBJECT)
            throw staffRejected(
              text(
                `Institution ${institution.name} is a subject-type institution; only non-subject institutions may be brought in`,
                `机构“${institution.name}”为学科类机构；只能引入非学科类机构`,
              ),
            );
          if (institution.status !== InstitutionStatus.OPERATING)
            throw staffRejected(
              text(
                `Institution ${institution.name} is ${institution.status}, not OPERATING`,
                `机构“${institution.name}”状态为 ${institution.status}，不是 OPERATING（正常营业）`,
              ),
            );
          if (standings.get(institution.id) !== 'WHITE')
            throw staffRejected(
              text(
                `Institution ${institution.name} is not on the white list (白名单)`,
                `机构“${institution.name}”未列入白名单`,
              ),
            );
          return { kind: s.kind, teacherId: null, institutionId: institution.id, name: institution.name };
        }
        case StaffKind.VOLUNTEER: {
          const name = s.name?.trim();
          if (!name) throw staffRejected(text('A volunteer needs a name', '志愿者须填写姓名'));
          return { kind: s.kind, teacherId: null, institutionId: null, name };
        }
      }
    });
  }
}
