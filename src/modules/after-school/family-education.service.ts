import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { DataSource } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal } from '../../platform/auth/principal';
import { Clock } from '../../platform/clock/clock';
import { PolicyFacade } from '../policy';
import { ReferenceFacade } from '../reference';
import { READERS } from './after-school.access';
import { invalidAfterSchoolInput } from './after-school.errors';
import { schoolYearOf } from './after-school.rules';
import { ownSchool, ratio, schoolsInScope } from './school-records';
import { text } from '../../platform/i18n/text';

export enum FamilySessionKind {
  GUIDANCE = 'GUIDANCE', // 免费家庭教育指导
  CONSULTATION = 'CONSULTATION', // 公益咨询
}

interface FamilySessionCommand {
  schoolId: string;
  kind: FamilySessionKind;
  date: string;
  minutes: number;
  topic: string;
}

interface HomeVisitCommand {
  schoolId: string;
  schoolYear: number;
  grade: number;
  className: string;
  students: number;
  /** Students visited at home by their mentor, or met (家访或约谈). */
  visited: number;
}

interface FamilyEducationRow {
  schoolId: string;
  townshipCode: string;
  schoolYear: number;
  guidanceSessions: number;
  guidanceMinutes: number;
  /** Guidance in class periods (课时): minutes / after_school.class_period_minutes. */
  guidancePeriods: number;
  consultations: number;
  /** Share of the three yearly session targets met (0, 1/3, 2/3, 1). */
  sessionTargetsMet: number;
  students: number;
  visited: number;
  /** visited / students of the classes reported; null when none reported. */
  homeVisitRate: number | null;
}

/** Family education (家校共育): parent-school sessions and mentor home visits, with yearly completion. */
@Injectable()
export class FamilyEducationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reference: ReferenceFacade,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly policy: PolicyFacade,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async recordSession(actor: Principal, c: FamilySessionCommand): Promise<void> {
    const school = await ownSchool(this.reference, actor, c.schoolId);
    await this.dataSource.transaction(async (em) => {
      const [row] = (await em.query(
        `INSERT INTO family_education_session (school_id, township_code, school_year, kind, session_date, minutes, topic, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [school.id, school.townshipCode, schoolYearOf(c.date), c.kind, c.date, c.minutes, c.topic, this.clock.now()],
      )) as { id: string }[];
      await this.audit.record(em, {
        actor,
        action: 'after_school.family_session.recorded',
        entityType: 'family_education_session',
        entityId: row!.id,
        summary: { ...c },
      });
    });
  }

  async recordHomeVisits(actor: Principal, c: HomeVisitCommand): Promise<void> {
    const school = await ownSchool(this.reference, actor, c.schoolId);
    if (c.visited > c.students)
      throw invalidAfterSchoolInput(
        'visited',
        text('More students visited than in the class', '家访学生数多于班级学生数'),
      );
    await this.dataSource.transaction(async (em) => {
      const [row] = (await em.query(
        `INSERT INTO home_visit_record (school_id, township_code, school_year, grade, class_name, students, visited, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (school_id, school_year, grade, class_name) DO UPDATE SET students = EXCLUDED.students, visited = EXCLUDED.visited, updated_at = EXCLUDED.updated_at
         RETURNING id`,
        [school.id, school.townshipCode, c.schoolYear, c.grade, c.className, c.students, c.visited, this.clock.now()],
      )) as { id: string }[];
      await this.audit.record(em, {
        actor,
        action: 'after_school.home_visits.recorded',
        entityType: 'home_visit_record',
        entityId: row!.id,
        summary: { ...c },
      });
    });
  }

  /**
   * Yearly completion per school of the reader's scope, against seed 四(三) "每年至少4次8课时的免费家庭教育
   * 指导服务和2次普惠性公益咨询服务": guidance sessions, guidance class periods (课时, counted from the minutes
   * recorded) and consultations, each target from the county rules after_school.family_* and after_school.class_period_minutes.
   */
  async completion(
    actor: Principal,
    filter: { schoolYear: number; townshipCode?: string; schoolId?: string },
  ): Promise<FamilyEducationRow[]> {
    const schools = await schoolsInScope(this.reference, actor, READERS.kpis, filter);
    if (schools.length === 0) return [];
    const rows: {
      school_id: string;
      guidance: number;
      guidance_minutes: number;
      consultations: number;
      students: number;
      visited: number;
    }[] = await this.dataSource.query(
      `SELECT s.id AS school_id,
              (SELECT count(*) FROM family_education_session f WHERE f.school_id = s.id AND f.school_year = $2 AND f.kind = 'GUIDANCE')::int AS guidance,
              (SELECT coalesce(sum(minutes), 0) FROM family_education_session f WHERE f.school_id = s.id AND f.school_year = $2 AND f.kind = 'GUIDANCE')::int AS guidance_minutes,
              (SELECT count(*) FROM family_education_session f WHERE f.school_id = s.id AND f.school_year = $2 AND f.kind = 'CONSULTATION')::int AS consultations,
              (SELECT coalesce(sum(students), 0) FROM home_visit_record v WHERE v.school_id = s.id AND v.school_year = $2)::int AS students,
              (SELECT coalesce(sum(visited), 0) FROM home_visit_record v WHERE v.school_id = s.id AND v.school_year = $2)::int AS visited
       FROM unnest($1::uuid[]) AS s(id)`,
      [schools.map((s) => s.id), filter.schoolYear],
    );
    const bySchool = new Map(rows.map((r) => [r.school_id, r]));
    const v = await this.policy.values([
      'after_school.family_guidance_sessions',
      'after_school.family_guidance_periods',
      'after_school.class_period_minutes',
      'after_school.family_consultations',
    ]);
    const target = {
      guidanceSessions: v['after_school.family_guidance_sessions'],
      guidancePeriods: v['after_school.family_guidance_periods'],
      classPeriodMinutes: v['after_school.class_period_minutes'],
      consultations: v['after_school.family_consultations'],
    };
    return schools.map((s) => {
      const r = bySchool.get(s.id)!;
      const periods = r.guidance_minutes / target.classPeriodMinutes;
      const met = [
        r.guidance >= target.guidanceSessions,
        periods >= target.guidancePeriods,
        r.consultations >= target.consultations,
      ].filter(Boolean).length;
      return {
        schoolId: s.id,
        townshipCode: s.townshipCode,
        schoolYear: filter.schoolYear,
        guidanceSessions: r.guidance,
        guidanceMinutes: r.guidance_minutes,
        guidancePeriods: Math.round(periods * 100) / 100,
        consultations: r.consultations,
        sessionTargetsMet: Math.round((met / 3) * 10000) / 10000,
        students: r.students,
        visited: r.visited,
        homeVisitRate: ratio(r.visited, r.students),
      };
    });
  }
}
