import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal } from '../../platform/auth/principal';
import { applyScope } from '../../platform/auth/scope';
import { Clock } from '../../platform/clock/clock';
import { ReferenceFacade } from '../reference';
import { READERS, readOptions, scopeColumns } from './after-school.access';
import { invalidAfterSchoolInput, staffRejected } from './after-school.errors';
import { SEMESTER_PATTERN } from './after-school.rules';
import { ownSchool, ratio, schoolsInScope } from './school-records';
import { text } from '../../platform/i18n/text';

interface ParticipationCommand {
  schoolId: string;
  semester: string;
  grade: number;
  className: string;
  enrolled: number;
  asked: number;
  served: number;
}

interface ParticipationRow {
  schoolId: string;
  townshipCode: string;
  semester: string;
  grade: number;
  className: string;
  enrolled: number;
  asked: number;
  served: number;
}

export interface CoverageRow {
  schoolId: string;
  townshipCode: string;
  enrolled: number;
  asked: number;
  served: number;
  /** served / asked; null when nobody asked. Target 100 %. */
  coverage: number | null;
}

interface TeacherHoursCommand {
  schoolId: string;
  teacherId: string;
  date: string;
  minutes: number;
}

interface TeacherHoursRow {
  teacherId: string;
  teacherName: string;
  schoolId: string;
  days: number;
  minutes: number;
  hours: number;
}

/** Participation per class (students enrolled, asking, served), coverage, and teacher service hours. */
@Injectable()
export class ParticipationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reference: ReferenceFacade,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async record(actor: Principal, c: ParticipationCommand): Promise<ParticipationRow> {
    const school = await ownSchool(this.reference, actor, c.schoolId);
    if (!SEMESTER_PATTERN.test(c.semester))
      throw invalidAfterSchoolInput(
        'semester',
        text(
          'semester must be YYYY-1 (autumn) or YYYY-2 (spring)',
          'semester 须为 YYYY-1（秋季学期）或 YYYY-2（春季学期）',
        ),
      );
    if (c.asked > c.enrolled)
      throw invalidAfterSchoolInput(
        'asked',
        text('More students asked for the service than are enrolled', '申请参加课后服务的学生数多于在校学生数'),
      );
    if (c.served > c.asked)
      throw invalidAfterSchoolInput(
        'served',
        text('More students served than asked for the service', '参加课后服务的学生数多于申请人数'),
      );
    await this.dataSource.transaction(async (em) => {
      const [row] = (await em.query(
        `INSERT INTO after_school_participation (school_id, township_code, semester, grade, class_name, enrolled, asked, served, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (school_id, semester, grade, class_name) DO UPDATE SET enrolled = EXCLUDED.enrolled, asked = EXCLUDED.asked, served = EXCLUDED.served, updated_at = EXCLUDED.updated_at
         RETURNING id`,
        [
          school.id,
          school.townshipCode,
          c.semester,
          c.grade,
          c.className,
          c.enrolled,
          c.asked,
          c.served,
          this.clock.now(),
        ],
      )) as { id: string }[];
      await this.audit.record(em, {
        actor,
        action: 'after_school.participation.recorded',
        entityType: 'after_school_participation',
        entityId: row!.id,
        summary: { ...c },
      });
    });
    return { ...c, townshipCode: school.townshipCode };
  }

  async list(actor: Principal, filter: { schoolId?: string; semester: string }): Promise<ParticipationRow[]> {
    const qb = this.dataSource
      .createQueryBuilder()
      .from('after_school_participation', 'p')
      .select([
        'p.school_id AS "schoolId"',
        'p.township_code AS "townshipCode"',
        'p.semester AS semester',
        'p.grade AS grade',
        'p.class_name AS "className"',
        'p.enrolled AS enrolled',
        'p.asked AS asked',
        'p.served AS served',
      ])
      .where('p.semester = :semester', { semester: filter.semester });
    if (filter.schoolId) qb.andWhere('p.school_id = :school', { school: filter.schoolId });
    applyScope(qb, actor, scopeColumns('p'), readOptions(actor, READERS.records));
    return qb.orderBy('p.school_id').addOrderBy('p.grade').addOrderBy('p.class_name').limit(5000).getRawMany();
  }

  /** Coverage (served / asked) per school of the reader's scope, from the class records. */
  async coverageBySchool(
    actor: Principal,
    filter: { semester: string; townshipCode?: string; schoolId?: string },
  ): Promise<CoverageRow[]> {
    const schools = await schoolsInScope(this.reference, actor, READERS.kpis, filter);
    if (schools.length === 0) return [];
    const rows: { school_id: string; enrolled: number; asked: number; served: number }[] = await this.dataSource.query(
      `SELECT school_id, sum(enrolled)::int AS enrolled, sum(asked)::int AS asked, sum(served)::int AS served
       FROM after_school_participation WHERE semester = $1 AND school_id = ANY($2::uuid[]) GROUP BY school_id`,
      [filter.semester, schools.map((s) => s.id)],
    );
    const bySchool = new Map(rows.map((r) => [r.school_id, r]));
    return schools.map((s) => {
      const r = bySchool.get(s.id) ?? { enrolled: 0, asked: 0, served: 0 };
      return {
        schoolId: s.id,
        townshipCode: s.townshipCode,
        enrolled: r.enrolled,
        asked: r.asked,
        served: r.served,
        coverage: ratio(r.served, r.asked),
      };
    });
  }

  async coverageByTownship(
    actor: Principal,
    filter: { semester: string; townshipCode?: string },
  ): Promise<Omit<CoverageRow, 'schoolId'>[]> {
    const bySchool = await this.coverageBySchool(actor, filter);
    const townships = new Map<string, Omit<CoverageRow, 'schoolId'>>();
    for (const row of bySchool) {
      const t = townships.get(row.townshipCode) ?? {
        townshipCode: row.townshipCode,
        enrolled: 0,
        asked: 0,
        served: 0,
        coverage: null,
      };
      t.enrolled += row.enrolled;
      t.asked += row.asked;
      t.served += row.served;
      townships.set(row.townshipCode, t);
    }
    return [...townships.values()]
      .map((t) => ({ ...t, coverage: ratio(t.served, t.asked) }))
      .sort((a, b) => a.townshipCode.localeCompare(b.townshipCode));
  }

  /** A roster teacher's after-school service on a day (one entry per teacher and day; a new one replaces it). */
  async recordTeacherHours(actor: Principal, c: TeacherHoursCommand): Promise<void> {
    const school = await ownSchool(this.reference, actor, c.schoolId);
    const [teacher] = await this.reference.teachersByIds([c.teacherId]);
    if (!teacher || teacher.schoolId !== school.id)
      throw staffRejected(
        text(`Teacher ${c.teacherId} is not on this school's roster`, `教师 ${c.teacherId} 不在本校教师名册中`),
      );
    await this.dataSource.transaction(async (em) => {
      const [row] = (await em.query(
        `INSERT INTO after_school_teacher_hours (school_id, township_code, teacher_id, teacher_name, service_date, minutes, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (teacher_id, service_date) DO UPDATE SET minutes = EXCLUDED.minutes, teacher_name = EXCLUDED.teacher_name
         RETURNING id`,
        [school.id, school.townshipCode, teacher.id, teacher.name, c.date, c.minutes, this.clock.now()],
      )) as { id: string }[];
      await this.audit.record(em, {
        actor,
        action: 'after_school.teacher_hours.recorded',
        entityType: 'after_school_teacher_hours',
        entityId: row!.id,
        summary: { ...c },
      });
    });
  }

  /** Service hours per teacher over a period (for performance pay and title evaluation, 人社局). */
  async teacherHours(
    actor: Principal,
    filter: { schoolId?: string; from: string; to: string },
  ): Promise<TeacherHoursRow[]> {
    if (filter.from > filter.to)
      throw invalidAfterSchoolInput('from', text('"from" is after "to"', '开始日期（from）晚于结束日期（to）'));
    const qb = this.dataSource
      .createQueryBuilder()
      .from('after_school_teacher_hours', 'h')
      .select([
        'h.teacher_id AS "teacherId"',
        'max(h.teacher_name) AS "teacherName"',
        'h.school_id AS "schoolId"',
        'count(*)::int AS days',
        'sum(h.minutes)::int AS minutes',
      ])
      .where('h.service_date BETWEEN :from AND :to', { from: filter.from, to: filter.to })
      .groupBy('h.teacher_id')
      .addGroupBy('h.school_id');
    if (filter.schoolId) qb.andWhere('h.school_id = :school', { school: filter.schoolId });
    applyScope(qb, actor, scopeColumns('h'), readOptions(actor, READERS.teacherHours));
    const rows: Omit<TeacherHoursRow, 'hours'>[] = await qb
      .orderBy('h.school_id')
      .addOrderBy('"teacherName"')
      .getRawMany();
    return rows.map((r) => ({ ...r, hours: Math.round((r.minutes / 60) * 100) / 100 }));
  }
}
