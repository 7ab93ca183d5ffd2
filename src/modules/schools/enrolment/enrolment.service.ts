import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../../platform/audit/audit.service';
import { Principal, actorName } from '../../../platform/auth/principal';
import { Clock } from '../../../platform/clock/clock';
import { Problems } from '../../../platform/errors/problems';
import { EventPublisher } from '../../../platform/events';
import { text } from '../../../platform/i18n/text';
import { ReferenceFacade, SchoolSummary, schoolNotFound } from '../../reference';
import { assertEdu, assertOwnSchool } from '../schools.access';
import {
  enrolmentCalendarMissing,
  enrolmentPlanNotFound,
  enrolmentPlanStatusConflict,
  enrolmentRulesBroken,
  sectorHasServiceArea,
  serviceAreaForPrivateSchool,
} from '../schools.errors';
import { EnrolmentPlan } from './enrolment-plan.entity';
import { EnrolmentPlanDecision, EnrolmentPlanStatus, SchoolSector } from './enrolment.enums';
import { EnrolmentCalendar, PlanTerms, enrolmentRuleFindings, planShapeProblems } from './enrolment.rules';
import { ServiceArea } from './service-area.entity';

export interface ServiceAreaCommand {
  schoolId: string;
  year: number;
  townshipCodes: string[];
  gridCellCodes: string[];
}

export interface RecordPlanCommand extends PlanTerms {
  schoolId: string;
}

const CALENDAR = text('sets the county enrolment calendar', '设定全县招生日程');
const SECTOR = text("records a school's sector", '登记学校办学性质');
const AREA = text('publishes service areas', '划定公布服务范围');
const REVIEW = text('reviews enrolment plans', '审核招生计划');

/**
 * Enrolment (招生入学): the county's calendar, school sectors and service areas kept by the Education
 * Bureau; each school's plan recorded by the school under the enrolment rules and reviewed by the bureau.
 */
@Injectable()
export class EnrolmentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reference: ReferenceFacade,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
  ) {}

  async setCalendar(actor: Principal, c: EnrolmentCalendar): Promise<EnrolmentCalendar> {
    assertEdu(actor, CALENDAR);
    const problems = new Problems();
    if (c.registrationStart > c.registrationEnd)
      problems.add('registrationEnd', text('must not be before registrationStart', '不得早于报名开始日期'));
    if (c.registrationEnd > c.admissionDate)
      problems.add('admissionDate', text('must not be before registrationEnd', '不得早于报名截止日期'));
    for (const f of ['registrationStart', 'registrationEnd', 'admissionDate'] as const)
      if (Number(c[f].slice(0, 4)) !== c.year) problems.add(f, text(`must be in ${c.year}`, `须在${c.year}年内`));
    problems.throwIfAny();
    await this.dataSource.transaction(async (em) => {
      const [before] = (await em.query(
        `SELECT registration_start::text AS "registrationStart", registration_end::text AS "registrationEnd", admission_date::text AS "admissionDate"
         FROM enrolment_calendar WHERE year = $1 FOR UPDATE`,
        [c.year],
      )) as Omit<EnrolmentCalendar, 'year'>[];
      await em.query(
        `INSERT INTO enrolment_calendar (year, registration_start, registration_end, admission_date, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (year) DO UPDATE SET registration_start = EXCLUDED.registration_start, registration_end = EXCLUDED.registration_end,
           admission_date = EXCLUDED.admission_date, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
        [c.year, c.registrationStart, c.registrationEnd, c.admissionDate, actorName(actor), this.clock.now()],
      );
      await this.audit.record(em, {
        actor,
        action: 'schools.enrolment.calendar_set',
        entityType: 'enrolment_calendar',
        entityId: String(c.year),
        summary: { before: before ?? null, after: { ...c } },
      });
      await this.events.publish(em, 'schools.enrolment.calendar_set', { ...c });
    });
    return { ...c };
  }

  async calendar(year: number, em: EntityManager = this.dataSource.manager): Promise<EnrolmentCalendar | null> {
    const [row] = (await em.query(
      `SELECT year, registration_start::text AS "registrationStart", registration_end::text AS "registrationEnd", admission_date::text AS "admissionDate"
       FROM enrolment_calendar WHERE year = $1`,
      [year],
    )) as EnrolmentCalendar[];
    return row ?? null;
  }

  async sectorOf(schoolId: string, em: EntityManager = this.dataSource.manager): Promise<SchoolSector> {
    const [row] = (await em.query(`SELECT sector FROM school_sector WHERE school_id = $1`, [schoolId])) as {
      sector: SchoolSector;
    }[];
    return row?.sector ?? SchoolSector.PUBLIC;
  }

  /** Records a school as public or private (办学性质); a school with a published service area cannot turn private. */
  async setSector(actor: Principal, schoolId: string, sector: SchoolSector): Promise<SchoolSector> {
    assertEdu(actor, SECTOR);
    const school = await this.school(schoolId);
    await this.dataSource.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('schools.enrolment_school'), hashtext($1))`, [school.id]);
      const before = await this.sectorOf(school.id, em);
      if (sector === SchoolSector.PRIVATE) {
        const areas: unknown[] = await em.query(`SELECT 1 FROM service_area WHERE school_id = $1 LIMIT 1`, [school.id]);
        if (areas.length) throw sectorHasServiceArea();
      }
      await em.query(
        `INSERT INTO school_sector (school_id, sector, updated_by, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (school_id) DO UPDATE SET sector = EXCLUDED.sector, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
        [school.id, sector, actorName(actor), this.clock.now()],
      );
      await this.audit.record(em, {
        actor,
        action: 'schools.enrolment.sector_set',
        entityType: 'school',
        entityId: school.id,
        summary: { from: before, to: sector },
      });
      await this.events.publish(em, 'schools.enrolment.sector_set', {
        schoolId: school.id,
        townshipCode: school.townshipCode,
        sector,
      });
    });
    return sector;
  }

  /**
   * Publishes (or replaces) a public school's service area for a year: whole townships and single grid
   * cells of the county. A cell inside a township already served whole is refused as redundant.
   */
  async setServiceArea(actor: Principal, c: ServiceAreaCommand): Promise<ServiceArea> {
    assertEdu(actor, AREA);
    const school = await this.school(c.schoolId);
    const townshipCodes = [...new Set(c.townshipCodes)];
    const gridCellCodes = [...new Set(c.gridCellCodes)];
    const problems = new Problems();
    if (townshipCodes.length + gridCellCodes.length === 0)
      problems.add('townshipCodes', text('name at least one township or grid cell', '至少填写一个乡镇（街道）或网格'));
    const townships = await this.reference.listTownships();
    const known = new Set(townships.map((t) => t.code));
    townshipCodes.forEach((code, i) => {
      if (!known.has(code))
        problems.add(`townshipCodes.${i}`, text(`no township ${code} in the county`, `本县无乡镇（街道）${code}`));
    });
    const grids = new Map(
      (await this.reference.gridsOfTownships(townships.map((t) => t.code))).map((g) => [g.code, g.townshipCode]),
    );
    gridCellCodes.forEach((code, i) => {
      const township = grids.get(code);
      if (!township)
        problems.add(`gridCellCodes.${i}`, text(`no grid cell ${code} in the county`, `本县无网格${code}`));
      else if (townshipCodes.includes(township))
        problems.add(
          `gridCellCodes.${i}`,
          text(`lies in township ${township}, which the area serves whole`, `位于已整体划入的乡镇（街道）${township}`),
        );
    });
    problems.throwIfAny();
    const gridTownshipCodes = [...new Set(gridCellCodes.map((g) => grids.get(g)!))];
    const now = this.clock.now();
    const id = await this.dataSource.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('schools.enrolment_school'), hashtext($1))`, [school.id]);
      if ((await this.sectorOf(school.id, em)) === SchoolSector.PRIVATE) throw serviceAreaForPrivateSchool();
      const [before] = (await em.query(
        `SELECT township_codes AS "townshipCodes", grid_cell_codes AS "gridCellCodes" FROM service_area WHERE school_id = $1 AND year = $2`,
        [school.id, c.year],
      )) as { townshipCodes: string[]; gridCellCodes: string[] }[];
      const [row] = (await em.query(
        `INSERT INTO service_area (school_id, school_code, school_name, school_township_code, year, township_codes, grid_cell_codes, grid_township_codes, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (school_id, year) DO UPDATE SET school_code = EXCLUDED.school_code, school_name = EXCLUDED.school_name,
           school_township_code = EXCLUDED.school_township_code, township_codes = EXCLUDED.township_codes,
           grid_cell_codes = EXCLUDED.grid_cell_codes, grid_township_codes = EXCLUDED.grid_township_codes,
           updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
         RETURNING id`,
        [
          school.id,
          school.code,
          school.name,
          school.townshipCode,
          c.year,
          townshipCodes,
          gridCellCodes,
          gridTownshipCodes,
          actorName(actor),
          now,
        ],
      )) as { id: string }[];
      await this.audit.record(em, {
        actor,
        action: 'schools.enrolment.service_area_set',
        entityType: 'service_area',
        entityId: row!.id,
        summary: { schoolId: school.id, year: c.year, before: before ?? null, after: { townshipCodes, gridCellCodes } },
      });
      await this.events.publish(em, 'schools.enrolment.service_area_set', {
        schoolId: school.id,
        townshipCode: school.townshipCode,
        year: c.year,
        townshipCodes,
        gridCellCodes,
      });
      return row!.id;
    });
    return this.dataSource.getRepository(ServiceArea).findOneByOrFail({ id });
  }

  /**
   * The school records (or, while SUBMITTED or RETURNED, replaces) its plan for a year. The form is checked
   * first (VALIDATION_FAILED), then the enrolment rules (their own codes); nothing is stored when refused.
   */
  async recordPlan(actor: Principal, c: RecordPlanCommand): Promise<EnrolmentPlan> {
    assertOwnSchool(actor, c.schoolId);
    const school = await this.school(c.schoolId);
    const problems = new Problems();
    for (const p of planShapeProblems(school.stage, c)) problems.add(p.path, p.message);
    problems.throwIfAny();
    const now = this.clock.now();
    const id = await this.dataSource.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('schools.enrolment_school'), hashtext($1))`, [school.id]);
      const calendar = await this.calendar(c.year, em);
      if (!calendar) throw enrolmentCalendarMissing(c.year);
      const sector = await this.sectorOf(school.id, em);
      const areas: unknown[] = await em.query(`SELECT 1 FROM service_area WHERE school_id = $1 AND year = $2`, [
        school.id,
        c.year,
      ]);
      const findings = enrolmentRuleFindings(sector, areas.length > 0, calendar, c);
      if (findings.length) throw enrolmentRulesBroken(findings);
      const repo = em.getRepository(EnrolmentPlan);
      const existing = await repo.findOne({
        where: { schoolId: school.id, year: c.year },
        lock: { mode: 'pessimistic_write' },
      });
      if (existing?.status === EnrolmentPlanStatus.APPROVED)
        throw enrolmentPlanStatusConflict(existing.status, 'changed');
      const plan = existing ?? repo.create({ schoolId: school.id, year: c.year });
      Object.assign(plan, {
        townshipCode: school.townshipCode,
        sector,
        status: EnrolmentPlanStatus.SUBMITTED,
        places: [...c.places].sort((a, b) => a.grade - b.grade).map((p) => ({ grade: p.grade, places: p.places })),
        registrationStart: c.registrationStart,
        registrationEnd: c.registrationEnd,
        admissionDate: c.admissionDate,
        admissionMethod: c.admissionMethod,
        notes: c.notes?.trim() || null,
        reviewComment: null,
        recordedBy: actorName(actor),
        recordedAt: now,
        reviewedBy: null,
        reviewedAt: null,
      });
      const saved = await repo.save(plan);
      await this.audit.record(em, {
        actor,
        action: 'schools.enrolment.plan_recorded',
        entityType: 'enrolment_plan',
        entityId: saved.id,
        summary: { ...c, sector, replaced: !!existing },
      });
      await this.events.publish(em, 'schools.enrolment.plan_recorded', {
        planId: saved.id,
        schoolId: school.id,
        townshipCode: school.townshipCode,
        year: c.year,
        sector,
        status: saved.status,
      });
      return saved.id;
    });
    return this.dataSource.getRepository(EnrolmentPlan).findOneByOrFail({ id });
  }

  /** The Education Bureau approves or returns (with a reason) a SUBMITTED plan. */
  async reviewPlan(
    actor: Principal,
    id: string,
    decision: EnrolmentPlanDecision,
    comment: string | null,
  ): Promise<EnrolmentPlan> {
    assertEdu(actor, REVIEW);
    const trimmed = comment?.trim() || null;
    if (decision === EnrolmentPlanDecision.RETURN && !trimmed)
      new Problems().add('comment', text('a returned plan needs the reason', '退回须说明理由')).throwIfAny();
    return this.dataSource.transaction(async (em) => {
      const repo = em.getRepository(EnrolmentPlan);
      const plan = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!plan) throw enrolmentPlanNotFound(id);
      if (plan.status !== EnrolmentPlanStatus.SUBMITTED) throw enrolmentPlanStatusConflict(plan.status, 'reviewed');
      const from = plan.status;
      plan.status =
        decision === EnrolmentPlanDecision.APPROVE ? EnrolmentPlanStatus.APPROVED : EnrolmentPlanStatus.RETURNED;
      plan.reviewComment = trimmed;
      plan.reviewedBy = actorName(actor);
      plan.reviewedAt = this.clock.now();
      const saved = await repo.save(plan);
      await this.audit.record(em, {
        actor,
        action: 'schools.enrolment.plan_reviewed',
        entityType: 'enrolment_plan',
        entityId: plan.id,
        summary: { from, to: plan.status, comment: trimmed },
      });
      await this.events.publish(em, 'schools.enrolment.plan_reviewed', {
        planId: plan.id,
        schoolId: plan.schoolId,
        townshipCode: plan.townshipCode,
        year: plan.year,
        sector: plan.sector,
        status: plan.status,
        comment: trimmed,
      });
      return saved;
    });
  }

  private async school(id: string): Promise<SchoolSummary> {
    const [school] = await this.reference.schoolsByIds([id]);
    if (!school) throw schoolNotFound(id);
    return school;
  }
}
