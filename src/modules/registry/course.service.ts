import { Injectable } from '@nestjs/common';
import { PolicyFacade } from '../policy';
import { isCalendarDate } from '../../platform/clock/business-time';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal } from '../../platform/auth/principal';
import { Clock } from '../../platform/clock/clock';
import { MONEY_INPUT_PATTERN, parseMoney } from '../../platform/database/money';
import { ValidationFailed } from '../../platform/errors/domain-error';
import { Problems } from '../../platform/errors/problems';
import { ReferenceFacade } from '../reference';
import { Course } from './entities/course.entity';
import { InstitutionCategory } from './entities/institution.entity';
import { Licensing } from './licensing';
import { RecordChanges } from './record-changes';
import { CourseInput } from './records.types';
import { courseAlreadyEnded, courseNotFound, subjectCourseNotAllowed, trainingTimeViolation } from './registry.errors';
import { RegistryQueries } from './registry.queries';
import { isSubjectTopic } from './topics';
import { checkTrainingTime, holidayDatesSkipped } from './training-time';
import { text } from '../../platform/i18n/text';
import { MUST_BE_DATE, MUST_NOT_BE_EMPTY } from '../../platform/i18n/field-texts';

/** An institution's courses, checked against the training-time rules; ending a course early. Commands need a licensing officer. */
@Injectable()
export class CourseService {
  constructor(
    private readonly queries: RegistryQueries,
    private readonly changes: RecordChanges,
    private readonly licensing: Licensing,
    private readonly reference: ReferenceFacade,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly policy: PolicyFacade,
  ) {}

  /** Courses of institutions already scoped by the caller. */
  coursesOf(ids: readonly string[]): Promise<Course[]> {
    return this.queries.coursesOf(ids);
  }

  /** Public-holiday dates on which the course's weekly subject lessons are not held. */
  async skippedHolidayDates(course: Course): Promise<string[]> {
    const calendar = await this.reference.calendarPeriodsBetween(course.termStart, course.termEnd);
    return holidayDatesSkipped(course, calendar);
  }

  async addCourse(actor: Principal, institutionId: string, input: CourseInput): Promise<Course> {
    const subject = isSubjectTopic(input.topic);
    const problems = new Problems();
    if (input.targetGrades.length === 0 || input.targetGrades.some((g) => !Number.isInteger(g) || g < 1 || g > 12)) {
      problems.add('targetGrades', text('grades are 1 to 12 (at least one)', '年级须为 1 到 12（至少一个）'));
    }
    let priceFen = 0n;
    if (MONEY_INPUT_PATTERN.test(input.pricePerHour)) priceFen = parseMoney(input.pricePerHour);
    else
      problems.add(
        'pricePerHour',
        text(
          'must be an amount with two decimals and at most 11 integer digits, e.g. 120.00',
          '须为保留两位小数、整数部分不超过 11 位的金额，例如 120.00',
        ),
      );
    problems.throwIfAny();
    const schedule = { ...input, subject, extraSessions: input.extraSessions ?? [] };
    const from = [input.termStart, ...schedule.extraSessions.map((e) => e.date)].sort()[0] as string;
    const to = [input.termEnd, ...schedule.extraSessions.map((e) => e.date)].sort().at(-1) as string;
    const calendar =
      /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to)
        ? await this.reference.calendarPeriodsBetween(from, to)
        : [];
    return this.changes.change(actor, institutionId, async (em, i) => {
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
      await this.audit.record(em, {
        actor,
        action: 'registry.course.added',
        entityType: 'course',
        entityId: c.id,
        summary: { institutionId: i.id, name: c.name, topic: c.topic, subject },
      });
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
    await this.licensing.assertCanCommand(actor);
    if (!isCalendarDate(endDate)) throw new ValidationFailed([{ path: 'endDate', message: MUST_BE_DATE }]);
    if (!reason.trim()) throw new ValidationFailed([{ path: 'reason', message: MUST_NOT_BE_EMPTY }]);
    const c0 = await this.queries.courseById(courseId);
    if (!c0) throw courseNotFound(courseId);
    return this.changes.change(actor, c0.institutionId, async (em) => {
      const c = await em
        .getRepository(Course)
        .findOneOrFail({ where: { id: courseId }, lock: { mode: 'pessimistic_write' } });
      if (c.termEnd < this.changes.today()) throw courseAlreadyEnded(c.termEnd);
      if (endDate > c.termEnd)
        throw new ValidationFailed([
          {
            path: 'endDate',
            message: text(
              `is after the course's planned end (${c.termEnd}); a course is not extended here`,
              `晚于课程原定结束日期（${c.termEnd}）；此处不能延长课程`,
            ),
          },
        ]);
      const before = { termStart: c.termStart, termEnd: c.termEnd };
      c.termEnd = endDate;
      if (endDate < c.termStart) c.termStart = endDate;
      await em.getRepository(Course).save(c);
      await this.audit.record(em, {
        actor,
        action: 'registry.course.ended',
        entityType: 'course',
        entityId: c.id,
        summary: {
          institutionId: c.institutionId,
          subject: c.subject,
          before,
          after: { termStart: c.termStart, termEnd: c.termEnd },
          reason: reason.trim(),
        },
      });
      return c;
    });
  }
}
