import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal } from '../../platform/auth/principal';
import { applyScope } from '../../platform/auth/scope';
import { Clock } from '../../platform/clock/clock';
import { PolicyFacade } from '../policy';
import { homeworkLimitsAt } from './after-school.policy';
import { EventPublisher } from '../../platform/events';
import { ReferenceFacade } from '../reference';
import { READERS, readOptions, scopeColumns } from './after-school.access';
import { invalidAfterSchoolInput, homeworkNotPublished } from './after-school.errors';
import { homeworkLimitFor, semesterOf } from './after-school.rules';
import { HomeworkRecord, HomeworkSubject } from './entities/homework-record.entity';
import { SchoolCalendar } from './school-calendar';
import { ownSchool, ratio, schoolsInScope } from './school-records';
import { text } from '../../platform/i18n/text';

interface PublishHomeworkCommand {
  schoolId: string;
  grade: number;
  className: string;
  date: string;
  subjects: HomeworkSubject[];
}

interface ReportHomeworkCommand {
  schoolId: string;
  grade: number;
  className: string;
  date: string;
  minutes: number;
}

interface ComplianceRow {
  schoolId: string;
  townshipCode: string;
  /** School days in the period (Monday–Friday and adjusted workdays, without holidays and vacations). */
  schoolDays: number;
  /** School days on which the school published homework for at least one class. */
  publishedDays: number;
  /** School days without any publication: counted in the denominator, never as compliant. */
  missingDays: number;
  /**
   * Classes of the school in the period: those on its participation roster of the semester, and any other
   * that published (the largest over the period's semesters).
   */
  classes: number;
  /** Σ over school days of the school's classes that day (a school with no class known counts as one). */
  classDaysExpected: number;
  /** Class-days with homework published on a school day. */
  classDaysPublished: number;
  /** Daily publicity per class (作业公示): classDaysPublished / classDaysExpected. Target 100 %. */
  publicityRate: number | null;
  classDaysReported: number;
  classDaysWithinLimit: number;
  /** classDaysWithinLimit / classDaysReported. Target 100 %. */
  durationComplianceRate: number | null;
}

/** The longest period a compliance query covers. */
const MAX_PERIOD_DAYS = 366;

/** Homework publicity (作业公示) and duration reports per class and day, and their compliance rates. */
@Injectable()
export class HomeworkService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reference: ReferenceFacade,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
    private readonly calendar: SchoolCalendar,
    private readonly policy: PolicyFacade,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Publishes (or corrects) a class's homework of a school day; the estimate is the sum of the subjects. */
  async publish(actor: Principal, c: PublishHomeworkCommand): Promise<HomeworkRecord> {
    const school = await ownSchool(this.reference, actor, c.schoolId);
    if (!(await this.calendar.isSchoolDay(c.date)))
      throw invalidAfterSchoolInput('date', text(`${c.date} is not a school day`, `${c.date} 不是上课日`));
    const subjects = c.subjects.map((s) => ({ subject: s.subject.trim(), minutes: s.minutes }));
    if (new Set(subjects.map((s) => s.subject)).size !== subjects.length)
      throw invalidAfterSchoolInput('subjects', text('A subject is listed twice', '学科重复列出'));
    const estimated = subjects.reduce((sum, s) => sum + s.minutes, 0);
    const limit = homeworkLimitFor(c.grade, await homeworkLimitsAt(this.policy, this.clock.now()));
    const id = await this.dataSource.transaction(async (em) => {
      const [row] = (await em.query(
        `INSERT INTO homework_record (school_id, township_code, grade, class_name, homework_date, subjects, estimated_minutes, limit_minutes, published_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (school_id, grade, class_name, homework_date) DO UPDATE SET subjects = EXCLUDED.subjects, estimated_minutes = EXCLUDED.estimated_minutes, published_at = EXCLUDED.published_at
         RETURNING id`,
        [
          school.id,
          school.townshipCode,
          c.grade,
          c.className,
          c.date,
          JSON.stringify(subjects),
          estimated,
          limit,
          this.clock.now(),
        ],
      )) as { id: string }[];
      await this.audit.record(em, {
        actor,
        action: 'after_school.homework.published',
        entityType: 'homework_record',
        entityId: row!.id,
        summary: { grade: c.grade, className: c.className, date: c.date, estimatedMinutes: estimated },
      });
      return row!.id;
    });
    return this.dataSource.getRepository(HomeworkRecord).findOneByOrFail({ id });
  }

  /** Reports how long the class's homework took; over the grade's limit publishes `limit_exceeded`. */
  async report(actor: Principal, c: ReportHomeworkCommand): Promise<HomeworkRecord> {
    await ownSchool(this.reference, actor, c.schoolId);
    await this.dataSource.transaction(async (em) => {
      const record = await em.findOne(HomeworkRecord, {
        where: { schoolId: c.schoolId, grade: c.grade, className: c.className, homeworkDate: c.date },
        lock: { mode: 'pessimistic_write' },
      });
      if (!record) throw homeworkNotPublished();
      const before = record.reportedMinutes;
      record.reportedMinutes = c.minutes;
      record.reportedAt = this.clock.now();
      await em.save(record);
      await this.audit.record(em, {
        actor,
        action: 'after_school.homework.reported',
        entityType: 'homework_record',
        entityId: record.id,
        summary: { before, minutes: c.minutes, limit: record.limitMinutes },
      });
      if (c.minutes > record.limitMinutes && (before === null || before <= record.limitMinutes)) {
        await this.events.publish(em, 'after_school.homework.limit_exceeded', {
          schoolId: record.schoolId,
          classId: `${record.grade}/${record.className}`,
          grade: record.grade,
          date: record.homeworkDate,
          minutes: c.minutes,
          limit: record.limitMinutes,
        });
      }
    });
    return this.dataSource
      .getRepository(HomeworkRecord)
      .findOneByOrFail({ schoolId: c.schoolId, grade: c.grade, className: c.className, homeworkDate: c.date });
  }

  list(actor: Principal, filter: { schoolId?: string; from: string; to: string }): Promise<HomeworkRecord[]> {
    this.checkPeriod(filter.from, filter.to);
    const qb = this.dataSource
      .getRepository(HomeworkRecord)
      .createQueryBuilder('h')
      .where('h.homework_date BETWEEN :from AND :to', filter);
    if (filter.schoolId) qb.andWhere('h.school_id = :school', { school: filter.schoolId });
    applyScope(qb, actor, scopeColumns('h'), readOptions(actor, READERS.records));
    return qb.orderBy('h.homework_date', 'DESC').addOrderBy('h.grade').addOrderBy('h.class_name').limit(5000).getMany();
  }

  /** Publicity and duration compliance per school of the reader's scope, computed from the records. */
  async complianceBySchool(
    actor: Principal,
    filter: { from: string; to: string; townshipCode?: string; schoolId?: string },
  ): Promise<ComplianceRow[]> {
    this.checkPeriod(filter.from, filter.to);
    const schools = await schoolsInScope(this.reference, actor, READERS.kpis, filter);
    if (schools.length === 0) return [];
    const days = await this.calendar.schoolDays(filter.from, filter.to);
    // Publicity is per class and school day (domain: "daily publicity per class"). The classes of a school
    // in a semester are its participation roster (one row per class) together with any class that
    // published in the period, so a class that published on some days and not others shows its missing
    // days even without a roster; a school with no class known at all counts as one class, so a silent
    // school is missing every day rather than left out.
    const semesters = days.map(semesterOf);
    const rows: {
      school_id: string;
      published_days: number;
      classes: number;
      expected: number;
      published: number;
      reported: number;
      within: number;
    }[] = await this.dataSource.query(
      `WITH days AS (SELECT * FROM unnest($2::date[], $5::varchar[]) AS d(day, semester)),
       records AS (
         SELECT h.school_id, h.homework_date, h.grade, h.class_name, h.reported_minutes, h.limit_minutes, d.semester
         FROM homework_record h JOIN days d ON d.day = h.homework_date
         WHERE h.school_id = ANY($1::uuid[]) AND h.homework_date BETWEEN $3::date AND $4::date
       ),
       classes AS (
         SELECT school_id, semester, grade, class_name FROM after_school_participation
         WHERE school_id = ANY($1::uuid[]) AND semester = ANY($5::varchar[])
         UNION
         SELECT school_id, semester, grade, class_name FROM records
       ),
       class_counts AS (SELECT school_id, semester, count(*)::int AS n FROM classes GROUP BY school_id, semester)
       SELECT s.id AS school_id,
              (SELECT count(DISTINCT r.homework_date) FROM records r WHERE r.school_id = s.id)::int AS published_days,
              (SELECT coalesce(max(cc.n), 0) FROM class_counts cc WHERE cc.school_id = s.id)::int AS classes,
              (SELECT coalesce(sum(GREATEST(coalesce(cc.n, 0), 1)), 0) FROM days d
                 LEFT JOIN class_counts cc ON cc.school_id = s.id AND cc.semester = d.semester)::int AS expected,
              (SELECT count(*) FROM records r WHERE r.school_id = s.id)::int AS published,
              (SELECT count(*) FROM records r WHERE r.school_id = s.id AND r.reported_minutes IS NOT NULL)::int AS reported,
              (SELECT count(*) FROM records r WHERE r.school_id = s.id AND r.reported_minutes <= r.limit_minutes)::int AS within
       FROM unnest($1::uuid[]) AS s(id)`,
      [schools.map((s) => s.id), days, filter.from, filter.to, semesters],
    );
    const bySchool = new Map(rows.map((r) => [r.school_id, r]));
    return schools.map((s) => {
      const r = bySchool.get(s.id)!;
      return {
        schoolId: s.id,
        townshipCode: s.townshipCode,
        schoolDays: days.length,
        publishedDays: r.published_days,
        missingDays: days.length - r.published_days,
        classes: r.classes,
        classDaysExpected: r.expected,
        classDaysPublished: r.published,
        publicityRate: ratio(r.published, r.expected),
        classDaysReported: r.reported,
        classDaysWithinLimit: r.within,
        durationComplianceRate: ratio(r.within, r.reported),
      };
    });
  }

  /** The same rates per township: the sums of its schools' days and class-days. */
  async complianceByTownship(
    actor: Principal,
    filter: { from: string; to: string; townshipCode?: string },
  ): Promise<Omit<ComplianceRow, 'schoolId'>[]> {
    const townships = new Map<string, Omit<ComplianceRow, 'schoolId'>>();
    for (const row of await this.complianceBySchool(actor, filter)) {
      const t = townships.get(row.townshipCode) ?? {
        townshipCode: row.townshipCode,
        schoolDays: 0,
        publishedDays: 0,
        missingDays: 0,
        classes: 0,
        classDaysExpected: 0,
        classDaysPublished: 0,
        publicityRate: null,
        classDaysReported: 0,
        classDaysWithinLimit: 0,
        durationComplianceRate: null,
      };
      t.schoolDays += row.schoolDays;
      t.publishedDays += row.publishedDays;
      t.missingDays += row.missingDays;
      t.classes += row.classes;
      t.classDaysExpected += row.classDaysExpected;
      t.classDaysPublished += row.classDaysPublished;
      t.classDaysReported += row.classDaysReported;
      t.classDaysWithinLimit += row.classDaysWithinLimit;
      townships.set(row.townshipCode, t);
    }
    return [...townships.values()]
      .map((t) => ({
        ...t,
        publicityRate: ratio(t.classDaysPublished, t.classDaysExpected),
        durationComplianceRate: ratio(t.classDaysWithinLimit, t.classDaysReported),
      }))
      .sort((a, b) => a.townshipCode.localeCompare(b.townshipCode));
  }

  private checkPeriod(from: string, to: string): void {
    if (from > to)
      throw invalidAfterSchoolInput('from', text('"from" is after "to"', '开始日期（from）晚于结束日期（to）'));
    const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
    if (days > MAX_PERIOD_DAYS)
      throw invalidAfterSchoolInput(
        'to',
        text(`The period may span at most ${MAX_PERIOD_DAYS} days`, `查询时段最长 ${MAX_PERIOD_DAYS} 天`),
      );
  }
}
