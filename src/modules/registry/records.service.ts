import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { PolicyFacade } from '../policy';
import { businessDate, isCalendarDate } from '../../platform/clock/business-time';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal } from '../../platform/auth/principal';
import { Clock } from '../../platform/clock/clock';
import { decrypt, encrypt, maskIdentifier, piiHash } from '../../platform/crypto/crypto';
import { MONEY_INPUT_PATTERN, parseMoney } from '../../platform/database/money';
import { FieldProblem, ValidationFailed } from '../../platform/errors/domain-error';
import { EventPublisher } from '../../platform/events';
import { NotificationsFacade } from '../notifications';
import { ReferenceFacade } from '../reference';
import { AnnualReview, AnnualReviewChecklist, AnnualReviewResult, ChecklistItem } from './entities/annual-review.entity';
import { Course, CourseMode, ExtraSession, WeeklySlot } from './entities/course.entity';
import { Institution, InstitutionCategory, InstitutionStatus } from './entities/institution.entity';
import { CheckStatus, Premises } from './entities/premises.entity';
import { BackgroundCheck, Staff, StaffPosition } from './entities/staff.entity';
import { MaterialKind, ReviewStatus, TrainingMaterial } from './entities/training-material.entity';
import { InstitutionService } from './institution.service';
import { StaffBarService } from './staff-bar.service';
import { ADVERTISING_DUTY, DUTY_OF_CHECK, assertLicensingOrDutyOfficer } from './registry-access';
import {
  annualReviewExists,
  checklistMissing,
  courseAlreadyEnded,
  courseNotFound,
  fireDesignReviewRequired,
  institutionClosed,
  materialAlreadyReviewed,
  materialNotFound,
  premisesNotFound,
  staffAlreadyLeft,
  staffAlreadyRegistered,
  staffBarred,
  staffNotFound,
  subjectCourseNotAllowed,
  trainingTimeViolation,
} from './registry.errors';
import { isSubjectTopic } from './topics';
import { checkTrainingTime, holidayDatesSkipped } from './training-time';

export interface PremisesInput {
  address: string;
  floorAreaM2: number;
  securityGuards?: boolean;
  physicalProtection?: boolean;
  technicalProtection?: boolean;
}

export enum PremisesCheck {
  FIRE_DESIGN_REVIEW = 'FIRE_DESIGN_REVIEW',
  FIRE_ACCEPTANCE = 'FIRE_ACCEPTANCE',
  FIRE_INSPECTION = 'FIRE_INSPECTION',
  HEALTH_INSPECTION = 'HEALTH_INSPECTION',
}

export interface StaffInput {
  name: string;
  idNumber: string;
  position: StaffPosition;
  qualification?: string | null;
  backgroundCheck?: BackgroundCheck;
}

export interface CourseInput {
  name: string;
  topic: string;
  targetGrades: number[];
  mode: CourseMode;
  lessonMinutes: number;
  pricePerHour: string;
  termStart: string;
  termEnd: string;
  weeklySlots: WeeklySlot[];
  extraSessions?: ExtraSession[];
}

/** A staff member as shown: the ID number masked, never in clear. */
export interface StaffView extends Omit<Staff, 'idNumberHash' | 'idNumberEncrypted'> {
  idNumberMasked: string;
}

const ID_NUMBER = /^\d{17}[\dX]$/;
/** States in which an institution's records still change. */
const ACTIVE = [InstitutionStatus.APPLIED, InstitutionStatus.APPROVED, InstitutionStatus.OPERATING, InstitutionStatus.SUSPENDED];

/**
 * An institution's records: premises and their checks, staff (with the in-service teacher check),
 * courses (with the training-time rules), training materials and enrolment ads under review, and the
 * annual review. Reads go through the institution's scope; commands need a licensing officer, except
 * that the department holding a check's duty records that check and the advertising department
 * reviews enrolment ads (see registry-access.ts).
 */
@Injectable()
export class RecordsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly institutions: InstitutionService,
    private readonly reference: ReferenceFacade,
    private readonly notifications: NotificationsFacade,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
    private readonly policy: PolicyFacade,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly staffBars: StaffBarService,
  ) {}

  // ---- reads (by institution ids already scoped by the caller) ---------------------------------

  premisesOf(ids: readonly string[]): Promise<Premises[]> {
    return this.dataSource.getRepository(Premises).find({ where: { institutionId: In([...ids]) }, order: { createdAt: 'ASC' } });
  }

  async staffOf(ids: readonly string[]): Promise<StaffView[]> {
    const rows = await this.dataSource.getRepository(Staff).find({ where: { institutionId: In([...ids]) }, order: { createdAt: 'ASC' } });
    return rows.map((s) => this.view(s));
  }

  coursesOf(ids: readonly string[]): Promise<Course[]> {
    return this.dataSource.getRepository(Course).find({ where: { institutionId: In([...ids]) }, order: { createdAt: 'ASC' } });
  }

  materialsOf(ids: readonly string[]): Promise<TrainingMaterial[]> {
    return this.dataSource.getRepository(TrainingMaterial).find({ where: { institutionId: In([...ids]) }, order: { submittedAt: 'DESC' } });
  }

  reviewsOf(ids: readonly string[]): Promise<AnnualReview[]> {
    return this.dataSource.getRepository(AnnualReview).find({ where: { institutionId: In([...ids]) }, order: { year: 'DESC' } });
  }

  /** Public-holiday dates on which the course's weekly subject lessons are not held. */
  async skippedHolidayDates(course: Course): Promise<string[]> {
    const calendar = await this.reference.calendarPeriodsBetween(course.termStart, course.termEnd);
    return holidayDatesSkipped(course, calendar);
  }

  checklist(year: number): Promise<AnnualReviewChecklist | null> {
    return this.dataSource.getRepository(AnnualReviewChecklist).findOneBy({ year });
  }

  // ---- premises ---------------------------------------------------------------------------------

  async addPremises(actor: Principal, institutionId: string, input: PremisesInput): Promise<Premises> {
    return this.change(actor, institutionId, async (em, i) => {
      const now = this.clock.now();
      const p = em.getRepository(Premises).create({
        institutionId: i.id,
        address: input.address,
        floorAreaM2: input.floorAreaM2,
        fireDesignReview: CheckStatus.PENDING,
        fireAcceptance: CheckStatus.PENDING,
        fireAcceptanceDate: null,
        fireInspection: CheckStatus.PENDING,
        fireInspectionDate: null,
        healthInspection: CheckStatus.PENDING,
        healthInspectionDate: null,
        securityGuards: input.securityGuards ?? false,
        physicalProtection: input.physicalProtection ?? false,
        technicalProtection: input.technicalProtection ?? false,
        createdAt: now,
        updatedAt: now,
      });
      await em.getRepository(Premises).insert(p);
      await this.audit.record(em, { actor, action: 'registry.premises.added', entityType: 'premises', entityId: p.id, summary: { institutionId: i.id, address: p.address } });
      return p;
    });
  }

  /**
   * Records a check's result: 消防设计审查/消防验收 (住建局), 消防检查 (消防救援), 卫生监督 (卫健局). The
   * department holding the check's duty records it; county administrators and the licensing department
   * may enter it on that department's behalf.
   */
  async recordPremisesCheck(actor: Principal, premisesId: string, check: PremisesCheck, result: CheckStatus, date: string | null): Promise<Premises> {
    const p0 = await this.dataSource.getRepository(Premises).findOneBy({ id: premisesId });
    if (!p0) throw premisesNotFound(premisesId);
    const duty = DUTY_OF_CHECK[check];
    const authorise = () => this.assertLicensingOrDuty(actor, duty, `record a ${check} result`);
    return this.change(actor, p0.institutionId, async (em) => {
      const p = await em.getRepository(Premises).findOneOrFail({ where: { id: premisesId }, lock: { mode: 'pessimistic_write' } });
      const before = { ...p };
      switch (check) {
        case PremisesCheck.FIRE_DESIGN_REVIEW:
          p.fireDesignReview = result;
          break;
        case PremisesCheck.FIRE_ACCEPTANCE:
          if (result === CheckStatus.PASSED && p.fireDesignReview !== CheckStatus.PASSED) throw fireDesignReviewRequired();
          p.fireAcceptance = result;
          p.fireAcceptanceDate = date;
          break;
        case PremisesCheck.FIRE_INSPECTION:
          p.fireInspection = result;
          p.fireInspectionDate = date;
          break;
        case PremisesCheck.HEALTH_INSPECTION:
          p.healthInspection = result;
          p.healthInspectionDate = date;
          break;
      }
      p.updatedAt = this.clock.now();
      await em.getRepository(Premises).save(p);
      await this.audit.record(em, {
        actor,
        action: 'registry.premises.checked',
        entityType: 'premises',
        entityId: p.id,
        summary: { institutionId: p.institutionId, check, result, date, before: { fireDesignReview: before.fireDesignReview, fireAcceptance: before.fireAcceptance } },
      });
      return p;
    }, authorise);
  }

  async updatePremisesSafety(actor: Principal, premisesId: string, measures: { securityGuards: boolean; physicalProtection: boolean; technicalProtection: boolean }): Promise<Premises> {
    const p0 = await this.dataSource.getRepository(Premises).findOneBy({ id: premisesId });
    if (!p0) throw premisesNotFound(premisesId);
    return this.change(actor, p0.institutionId, async (em) => {
      const p = await em.getRepository(Premises).findOneOrFail({ where: { id: premisesId }, lock: { mode: 'pessimistic_write' } });
      Object.assign(p, measures, { updatedAt: this.clock.now() });
      await em.getRepository(Premises).save(p);
      await this.audit.record(em, { actor, action: 'registry.premises.safety_updated', entityType: 'premises', entityId: p.id, summary: { institutionId: p.institutionId, ...measures } });
      return p;
    });
  }

  // ---- staff ------------------------------------------------------------------------------------

  /**
   * Registers a staff member. The ID number is hashed (searchable) and encrypted; a match with the
   * teacher roster marks the person an in-service teacher (a violation): an event for the credit
   * module and a notice to the licensing department and the discipline commission.
   */
  async addStaff(actor: Principal, institutionId: string, input: StaffInput): Promise<StaffView> {
    const idNumber = input.idNumber.trim().toUpperCase();
    if (!ID_NUMBER.test(idNumber)) throw new ValidationFailed([{ path: 'idNumber', message: 'must be an 18-character resident ID number (17 digits and a digit or X)' }]);
    const hash = piiHash(this.config.security.piiHashKey, idNumber);
    const teacher = await this.reference.findActiveTeacherByIdNumberHash(hash);
    return this.change(actor, institutionId, async (em, i) => {
      if (await em.getRepository(Staff).existsBy({ institutionId: i.id, idNumberHash: hash })) throw staffAlreadyRegistered();
      // Takes turns with barStaffMember for the same person, so a bar and a registration cannot cross.
      await this.staffBars.lockPerson(em, hash);
      const bar = await this.staffBars.inForce(em, hash, businessDate(this.clock.now(), this.config.timeZone));
      if (bar) throw staffBarred(bar.barredUntil);
      const s = em.getRepository(Staff).create({
        institutionId: i.id,
        name: input.name,
        idNumberHash: hash,
        idNumberEncrypted: encrypt(this.config.security.encryptionKey, idNumber),
        position: input.position,
        qualification: input.qualification ?? null,
        backgroundCheck: input.backgroundCheck ?? BackgroundCheck.PENDING,
        inServiceTeacherId: teacher?.teacherId ?? null,
        backgroundCheckedOn: null,
        active: true,
        employmentEndedOn: null,
        createdAt: this.clock.now(),
      });
      await em.getRepository(Staff).insert(s);
      await this.audit.record(em, {
        actor,
        action: 'registry.staff.added',
        entityType: 'staff',
        entityId: s.id,
        summary: { institutionId: i.id, name: s.name, idNumber: maskIdentifier(idNumber), inServiceTeacher: Boolean(teacher) },
      });
      if (teacher) {
        await this.events.publish(em, 'registry.staff.in_service_teacher_found', {
          institutionId: i.id,
          staffId: s.id,
          teacherId: teacher.teacherId,
          schoolId: teacher.schoolId,
          townshipCode: teacher.townshipCode,
        });
        // The licensing department and whoever holds the teacher-discipline duty (EDU and DISCIPLINE in Xifeng).
        const [licensing, discipline] = await Promise.all([this.institutions.licensingDepartments(), this.reference.departmentsWithDuty('TEACHER_DISCIPLINE')]);
        await this.notifications.notify(
          em,
          { departmentCodes: [...licensing, ...discipline] },
          {
            kind: 'registry.staff.in_service_teacher_found',
            title: `在职教师校外培训线索：${i.name}`,
            body: `机构 ${i.name}（${i.creditCode}）登记的从业人员 ${s.name}（${maskIdentifier(idNumber)}）与在职教师名册匹配，请核查处理。`,
            entityType: 'institution',
            entityId: i.id,
          },
        );
      }
      return this.view(s);
    });
  }

  /**
   * Completes a staff member's background check (背景审查): CLEARED or FAILED on a date (not in the
   * future). A completed check may be corrected with a reason; the audit keeps the previous result.
   */
  async updateStaffBackgroundCheck(actor: Principal, staffId: string, result: BackgroundCheck, date: string, reason: string): Promise<StaffView> {
    await this.institutions.assertCanCommand(actor);
    const problems: FieldProblem[] = [];
    if (result === BackgroundCheck.PENDING) problems.push({ path: 'result', message: 'a completed check is CLEARED or FAILED' });
    if (!isCalendarDate(date)) problems.push({ path: 'date', message: 'must be a date YYYY-MM-DD' });
    else if (date > this.today()) problems.push({ path: 'date', message: 'a check cannot be completed in the future' });
    if (!reason.trim()) problems.push({ path: 'reason', message: 'must not be empty' });
    if (problems.length) throw new ValidationFailed(problems);
    return this.changeStaff(actor, staffId, async (em, s) => {
      const before = { backgroundCheck: s.backgroundCheck, backgroundCheckedOn: s.backgroundCheckedOn };
      s.backgroundCheck = result;
      s.backgroundCheckedOn = date;
      await em.getRepository(Staff).save(s);
      await this.audit.record(em, {
        actor,
        action: 'registry.staff.background_checked',
        entityType: 'staff',
        entityId: s.id,
        summary: { institutionId: s.institutionId, before, after: { backgroundCheck: result, backgroundCheckedOn: date }, reason: reason.trim() },
      });
      return this.view(s);
    });
  }

  /** 离职: a staff member's employment ends on a date (not in the future); they no longer count as current staff. */
  async endStaffEmployment(actor: Principal, staffId: string, date: string, reason: string): Promise<StaffView> {
    await this.institutions.assertCanCommand(actor);
    const problems: FieldProblem[] = [];
    if (!isCalendarDate(date)) problems.push({ path: 'date', message: 'must be a date YYYY-MM-DD' });
    else if (date > this.today()) problems.push({ path: 'date', message: 'an employment cannot end in the future; record it on the day' });
    if (!reason.trim()) problems.push({ path: 'reason', message: 'must not be empty' });
    if (problems.length) throw new ValidationFailed(problems);
    return this.changeStaff(actor, staffId, async (em, s) => {
      if (!s.active) throw staffAlreadyLeft(s.employmentEndedOn);
      const registeredOn = businessDate(s.createdAt, this.config.timeZone);
      if (date < registeredOn) throw new ValidationFailed([{ path: 'date', message: `is before the staff member was registered (${registeredOn})` }]);
      s.active = false;
      s.employmentEndedOn = date;
      await em.getRepository(Staff).save(s);
      await this.audit.record(em, { actor, action: 'registry.staff.employment_ended', entityType: 'staff', entityId: s.id, summary: { institutionId: s.institutionId, name: s.name, endedOn: date, reason: reason.trim() } });
      return this.view(s);
    });
  }

  // ---- courses ----------------------------------------------------------------------------------

  async addCourse(actor: Principal, institutionId: string, input: CourseInput): Promise<Course> {
    const subject = isSubjectTopic(input.topic);
    const problems: FieldProblem[] = [];
    if (input.targetGrades.length === 0 || input.targetGrades.some((g) => !Number.isInteger(g) || g < 1 || g > 12)) {
      problems.push({ path: 'targetGrades', message: 'grades are 1 to 12 (at least one)' });
    }
    let priceFen = 0n;
    if (MONEY_INPUT_PATTERN.test(input.pricePerHour)) priceFen = parseMoney(input.pricePerHour);
    else problems.push({ path: 'pricePerHour', message: 'must be an amount with two decimals and at most 11 integer digits, e.g. 120.00' });
    if (problems.length) throw new ValidationFailed(problems);
    const schedule = { ...input, subject, extraSessions: input.extraSessions ?? [] };
    const from = [input.termStart, ...schedule.extraSessions.map((e) => e.date)].sort()[0] as string;
    const to = [input.termEnd, ...schedule.extraSessions.map((e) => e.date)].sort().at(-1) as string;
    const calendar = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) ? await this.reference.calendarPeriodsBetween(from, to) : [];
    return this.change(actor, institutionId, async (em, i) => {
      if (subject && i.category === InstitutionCategory.NON_SUBJECT) throw subjectCourseNotAllowed(input.topic);
      const violations = checkTrainingTime(schedule, calendar, {
        offlineEnd: await this.policy.timeOfDay('registry.offline_end_time'),
        onlineEnd: await this.policy.timeOfDay('registry.online_end_time'),
        onlineMaxLessonMinutes: await this.policy.value('registry.online_max_lesson_minutes'),
        onlineMinBreakMinutes: await this.policy.value('registry.online_min_break_minutes'),
      });
      if (violations.length) throw trainingTimeViolation(violations);
      const c = em.getRepository(Course).create({
        institutionId: i.id,
        name: input.name,
        topic: input.topic,
        subject,
        targetGrades: [...new Set(input.targetGrades)].sort((a, b) => a - b),
        mode: input.mode,
        lessonMinutes: input.lessonMinutes,
        pricePerHourFen: priceFen,
        termStart: input.termStart,
        termEnd: input.termEnd,
        weeklySlots: input.weeklySlots.map((w) => ({ weekday: w.weekday, start: w.start, end: w.end })),
        extraSessions: schedule.extraSessions.map((e) => ({ date: e.date, start: e.start, end: e.end })),
        createdAt: this.clock.now(),
      });
      await em.getRepository(Course).insert(c);
      await this.audit.record(em, { actor, action: 'registry.course.added', entityType: 'course', entityId: c.id, summary: { institutionId: i.id, name: c.name, topic: c.topic, subject } });
      return c;
    });
  }

  /**
   * Ends a course early (its term ends on `endDate`, not later than planned): e.g. the subject courses of
   * a subject institution being converted (压减), which convertToNonSubject requires to have ended. A
   * course cancelled before its term began keeps a one-day term on `endDate`. The audit keeps the term
   * as it was.
   */
  async endCourse(actor: Principal, courseId: string, endDate: string, reason: string): Promise<Course> {
    await this.institutions.assertCanCommand(actor);
    if (!isCalendarDate(endDate)) throw new ValidationFailed([{ path: 'endDate', message: 'must be a date YYYY-MM-DD' }]);
    if (!reason.trim()) throw new ValidationFailed([{ path: 'reason', message: 'must not be empty' }]);
    const c0 = await this.dataSource.getRepository(Course).findOneBy({ id: courseId });
    if (!c0) throw courseNotFound(courseId);
    return this.change(actor, c0.institutionId, async (em) => {
      const c = await em.getRepository(Course).findOneOrFail({ where: { id: courseId }, lock: { mode: 'pessimistic_write' } });
      if (c.termEnd < this.today()) throw courseAlreadyEnded(c.termEnd);
      if (endDate > c.termEnd) throw new ValidationFailed([{ path: 'endDate', message: `is after the course's planned end (${c.termEnd}); a course is not extended here` }]);
      const before = { termStart: c.termStart, termEnd: c.termEnd };
      c.termEnd = endDate;
      if (endDate < c.termStart) c.termStart = endDate;
      await em.getRepository(Course).save(c);
      await this.audit.record(em, {
        actor,
        action: 'registry.course.ended',
        entityType: 'course',
        entityId: c.id,
        summary: { institutionId: c.institutionId, subject: c.subject, before, after: { termStart: c.termStart, termEnd: c.termEnd }, reason: reason.trim() },
      });
      return c;
    });
  }

  // ---- training materials and enrolment ads -----------------------------------------------------

  async submitMaterial(actor: Principal, institutionId: string, input: { kind: MaterialKind; title: string; content: string; courseId?: string | null }): Promise<TrainingMaterial> {
    return this.change(actor, institutionId, async (em, i) => {
      if (input.courseId && !(await em.getRepository(Course).existsBy({ id: input.courseId, institutionId: i.id }))) throw courseNotFound(input.courseId);
      const m = em.getRepository(TrainingMaterial).create({
        institutionId: i.id,
        courseId: input.courseId ?? null,
        kind: input.kind,
        title: input.title,
        content: input.content,
        status: ReviewStatus.SUBMITTED,
        reviewReasons: null,
        reviewedBy: null,
        submittedAt: this.clock.now(),
        reviewedAt: null,
      });
      await em.getRepository(TrainingMaterial).insert(m);
      await this.audit.record(em, { actor, action: 'registry.material.submitted', entityType: 'training_material', entityId: m.id, summary: { institutionId: i.id, kind: m.kind, title: m.title } });
      return m;
    });
  }

  /** Reviews submitted material: the licensing department; an enrolment ad also the advertising department (市场监管局). */
  async reviewMaterial(actor: Principal, materialId: string, decision: ReviewStatus.APPROVED | ReviewStatus.REJECTED, reasons: string | null): Promise<TrainingMaterial> {
    if (decision === ReviewStatus.REJECTED && !reasons?.trim()) throw new ValidationFailed([{ path: 'reasons', message: 'a rejection needs its reasons' }]);
    const m0 = await this.dataSource.getRepository(TrainingMaterial).findOneBy({ id: materialId });
    if (!m0) throw materialNotFound(materialId);
    const authorise = m0.kind === MaterialKind.ENROLMENT_AD ? () => this.assertLicensingOrDuty(actor, ADVERTISING_DUTY, 'review an enrolment ad') : undefined;
    return this.change(actor, m0.institutionId, async (em) => {
      const m = await em.getRepository(TrainingMaterial).findOneOrFail({ where: { id: materialId }, lock: { mode: 'pessimistic_write' } });
      if (m.status !== ReviewStatus.SUBMITTED) throw materialAlreadyReviewed(m.status);
      m.status = decision;
      m.reviewReasons = reasons?.trim() || null;
      m.reviewedBy = actor.kind === 'user' ? actor.username : actor.kind;
      m.reviewedAt = this.clock.now();
      await em.getRepository(TrainingMaterial).save(m);
      await this.audit.record(em, { actor, action: `registry.material.${decision.toLowerCase()}`, entityType: 'training_material', entityId: m.id, summary: { institutionId: m.institutionId, decision, reasons: m.reviewReasons } });
      return m;
    }, authorise);
  }

  // ---- annual review ----------------------------------------------------------------------------

  async setChecklist(actor: Principal, year: number, items: ChecklistItem[], passScore: number, basicPassScore: number): Promise<AnnualReviewChecklist> {
    await this.institutions.assertCanCommand(actor);
    const problems: FieldProblem[] = [];
    const codes = new Set<string>();
    items.forEach((item, n) => {
      if (codes.has(item.code)) problems.push({ path: `items[${n}].code`, message: `code ${item.code} appears twice` });
      codes.add(item.code);
    });
    const max = items.reduce((sum, x) => sum + x.maxScore, 0);
    if (items.length === 0) problems.push({ path: 'items', message: 'a checklist needs at least one item' });
    if (passScore > max) problems.push({ path: 'passScore', message: `is above the checklist's maximum (${max})` });
    if (basicPassScore > passScore) problems.push({ path: 'basicPassScore', message: 'must not be above passScore' });
    if (problems.length) throw new ValidationFailed(problems);
    return this.dataSource.transaction(async (em) => {
      const c = em.getRepository(AnnualReviewChecklist).create({ year, items, passScore, basicPassScore, updatedAt: this.clock.now() });
      await em.getRepository(AnnualReviewChecklist).save(c);
      await this.audit.record(em, { actor, action: 'registry.annual_review.checklist_set', entityType: 'annual_review_checklist', entityId: String(year), summary: { items: items.length, max, passScore, basicPassScore } });
      return c;
    });
  }

  /** Scores an institution against the year's checklist: PASS ≥ passScore, BASIC_PASS ≥ basicPassScore, else FAIL. */
  async recordAnnualReview(actor: Principal, institutionId: string, year: number, scores: { code: string; score: number }[], remarks: string | null): Promise<AnnualReview> {
    const checklist = await this.checklist(year);
    if (!checklist) throw checklistMissing(year);
    const given = new Map(scores.map((s) => [s.code, s.score]));
    const problems: FieldProblem[] = [];
    if (given.size !== scores.length) problems.push({ path: 'scores', message: 'an item is scored twice' });
    for (const code of given.keys()) if (!checklist.items.some((it) => it.code === code)) problems.push({ path: 'scores', message: `${code} is not on the ${year} checklist` });
    for (const it of checklist.items) {
      const v = given.get(it.code);
      if (v === undefined) problems.push({ path: 'scores', message: `${it.code} (${it.title}) is not scored` });
      else if (!Number.isInteger(v) || v < 0 || v > it.maxScore) problems.push({ path: 'scores', message: `${it.code} scores 0 to ${it.maxScore}, not ${v}` });
    }
    if (problems.length) throw new ValidationFailed(problems);
    const score = [...given.values()].reduce((a, b) => a + b, 0);
    const result = score >= checklist.passScore ? AnnualReviewResult.PASS : score >= checklist.basicPassScore ? AnnualReviewResult.BASIC_PASS : AnnualReviewResult.FAIL;
    return this.change(actor, institutionId, async (em, i) => {
      if (await em.getRepository(AnnualReview).existsBy({ institutionId: i.id, year })) throw annualReviewExists(year);
      const r = em.getRepository(AnnualReview).create({
        institutionId: i.id,
        year,
        scores: Object.fromEntries(given),
        score,
        result,
        remarks,
        reviewedBy: actor.kind === 'user' ? actor.username : actor.kind,
        createdAt: this.clock.now(),
      });
      await em.getRepository(AnnualReview).insert(r);
      await this.audit.record(em, { actor, action: 'registry.annual_review.completed', entityType: 'annual_review', entityId: r.id, summary: { institutionId: i.id, year, score, result } });
      await this.events.publish(em, 'registry.annual_review.completed', { institutionId: i.id, year, result, score });
      return r;
    });
  }

  // ---- internals --------------------------------------------------------------------------------

  private today(): string {
    return businessDate(this.clock.now(), this.config.timeZone);
  }

  private view(s: Staff): StaffView {
    const { idNumberHash: _h, idNumberEncrypted, ...rest } = s;
    return { ...rest, idNumberMasked: maskIdentifier(decrypt(this.config.security.encryptionKey, idNumberEncrypted)) };
  }

  /** A county administrator, a licensing officer or an officer of a department holding `duty`. */
  private async assertLicensingOrDuty(actor: Principal, duty: string, what: string): Promise<void> {
    const [licensing, holders] = await Promise.all([this.institutions.licensingDepartments(), this.reference.departmentsWithDuty(duty)]);
    assertLicensingOrDutyOfficer(actor, licensing, duty, holders, what);
  }

  /** A change to one staff member's record, locked, under the rules of `change` for their institution. */
  private async changeStaff<T>(actor: Principal, staffId: string, work: (em: EntityManager, s: Staff) => Promise<T>): Promise<T> {
    const s0 = await this.dataSource.getRepository(Staff).findOneBy({ id: staffId });
    if (!s0) throw staffNotFound(staffId);
    return this.change(actor, s0.institutionId, async (em) =>
      work(em, await em.getRepository(Staff).findOneOrFail({ where: { id: staffId }, lock: { mode: 'pessimistic_write' } })),
    );
  }

  /**
   * Runs a change to an institution's records: licensing officer (or whom `authorise` admits), institution
   * in scope and still active, locked.
   */
  private async change<T>(
    actor: Principal,
    institutionId: string,
    work: (em: EntityManager, i: Institution) => Promise<T>,
    authorise: () => Promise<void> = () => this.institutions.assertCanCommand(actor),
  ): Promise<T> {
    await authorise();
    return this.dataSource.transaction(async (em) => {
      const i = await this.institutions.get(actor, institutionId, em, true);
      if (!ACTIVE.includes(i.status)) throw institutionClosed(i.status);
      return work(em, i);
    });
  }
}
