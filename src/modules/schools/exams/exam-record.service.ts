import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { AuditService } from '../../../platform/audit/audit.service';
import { Principal } from '../../../platform/auth/principal';
import { Role } from '../../../platform/auth/role';
import { applyScope } from '../../../platform/auth/scope';
import { businessToday } from '../../../platform/clock/business-time';
import { Clock } from '../../../platform/clock/clock';
import { Problems } from '../../../platform/errors/problems';
import { EventPublisher } from '../../../platform/events';
import { text } from '../../../platform/i18n/text';
import { ReferenceFacade } from '../../reference';
import { ExamViolationSource } from './entities/exam-violation.entity';
import { ExamResults, SchoolExam } from './entities/school-exam.entity';
import {
  ResultsInputLike,
  checkGrade,
  checkResults,
  checkTermDay,
  cleanSubjects,
  schoolWrittenFor,
} from './exam-checks';
import { ExamFindings } from './exam-findings';
import { ExamFormat, ExamKind, ExamOrganiser, examBreaches, resultBreaches } from './exam.rules';
import { assertExamWriter, examScopeColumns } from './exams.access';
import { examAlreadyRecorded, examNotFound } from './exams.errors';

export interface RecordExamCommand {
  schoolId: string;
  term: string;
  grade: number;
  kind: ExamKind;
  format: ExamFormat;
  organiser: ExamOrganiser;
  subjects: string[];
  date: string;
  note?: string | null;
  results?: ResultsInputLike | null;
}

/** Aggregate results as stored: never a pupil's score. */
const stored = (r: ResultsInputLike): ExamResults => ({
  participants: r.participants,
  levelCounts: r.levelCounts.map((l) => ({ level: l.level, count: l.count })),
  form: r.form,
  ranked: r.ranked,
  rankingPublished: r.rankingPublished,
});

/**
 * Exams held (考试记录) and their aggregate results, recorded by the school (or EDU) and checked against
 * the national rules as they are recorded: invalid input is refused with VALIDATION_FAILED; a valid record
 * that breaks a rule is stored, and each breach becomes a finding. Recording for one school and term is
 * serialised (an advisory lock), so two exams recorded at once are counted against each other.
 */
@Injectable()
export class ExamRecordService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reference: ReferenceFacade,
    private readonly findings: ExamFindings,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async record(actor: Principal, c: RecordExamCommand): Promise<{ exam: SchoolExam; violationIds: string[] }> {
    assertExamWriter(actor);
    const problems = new Problems();
    const school = await schoolWrittenFor(this.reference, actor, c.schoolId, problems);
    if (school) checkGrade(school, c.grade, 'grade', problems);
    await checkTermDay(this.reference, c.term, c.date, 'date', problems);
    const today = businessToday(this.clock, this.config.timeZone);
    if (c.date > today)
      problems.add(
        'date',
        text(`an exam is recorded once held; ${c.date} is after today`, `考试举行后方可登记；${c.date} 晚于今天`),
      );
    const subjects = cleanSubjects(c.subjects, 'subjects', problems);
    if (c.results) checkResults(c.results, 'results', problems);
    problems.throwIfAny();
    const now = this.clock.now();
    return this.dataSource.transaction(async (em) => {
      await this.lockTerm(em, school!.id, c.term);
      const earlier = (await em.query(
        `SELECT kind FROM school_exam WHERE school_id = $1 AND term = $2 AND grade = $3`,
        [school!.id, c.term, c.grade],
      )) as { kind: ExamKind }[];
      const [row] = (await em.query(
        `INSERT INTO school_exam (school_id, township_code, term, grade, kind, format, organiser, subjects, exam_date, note, results, results_recorded_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)
         ON CONFLICT (school_id, grade, kind, exam_date) DO NOTHING RETURNING id`,
        [
          school!.id,
          school!.townshipCode,
          c.term,
          c.grade,
          c.kind,
          c.format,
          c.organiser,
          JSON.stringify(subjects),
          c.date,
          c.note?.trim() || null,
          c.results ? JSON.stringify(stored(c.results)) : null,
          c.results ? now : null,
          now,
        ],
      )) as { id: string }[];
      if (!row) throw examAlreadyRecorded(c.grade, c.kind, c.date);
      const breaches = [
        ...examBreaches({ kind: c.kind, format: c.format, grade: c.grade }, earlier),
        ...(c.results ? resultBreaches(c.grade, c.results) : []),
      ];
      const violationIds = await this.findings.record(
        em,
        actor,
        {
          schoolId: school!.id,
          townshipCode: school!.townshipCode,
          term: c.term,
          source: ExamViolationSource.EXAM,
          planId: null,
          examId: row.id,
        },
        breaches,
      );
      await this.audit.record(em, {
        actor,
        action: 'schools.exam.recorded',
        entityType: 'school_exam',
        entityId: row.id,
        summary: {
          schoolId: school!.id,
          term: c.term,
          grade: c.grade,
          kind: c.kind,
          format: c.format,
          date: c.date,
          results: Boolean(c.results),
          breaches: breaches.map((b) => b.kind),
        },
      });
      await this.events.publish(em, 'schools.exam.recorded', {
        examId: row.id,
        schoolId: school!.id,
        townshipCode: school!.townshipCode,
        term: c.term,
        grade: c.grade,
        kind: c.kind,
        date: c.date,
        violations: violationIds.length,
      });
      return { exam: await em.getRepository(SchoolExam).findOneByOrFail({ id: row.id }), violationIds };
    });
  }

  /** Records (or corrects) an exam's aggregate results; a breach already found for the exam is not found again. */
  async recordResults(
    actor: Principal,
    examId: string,
    results: ResultsInputLike,
  ): Promise<{ exam: SchoolExam; violationIds: string[] }> {
    assertExamWriter(actor);
    const problems = new Problems();
    checkResults(results, 'results', problems);
    problems.throwIfAny();
    return this.dataSource.transaction(async (em) => {
      const qb = em.getRepository(SchoolExam).createQueryBuilder('e').where('e.id = :id', { id: examId });
      // Writers see: a school administrator their own school's exams, EDU every school's.
      const exam = await applyScope(qb, actor, examScopeColumns('e'), { countyWide: [Role.DEPARTMENT_OFFICER] })
        .setLock('pessimistic_write')
        .getOne();
      if (!exam) throw examNotFound(examId);
      const before = exam.results;
      exam.results = stored(results);
      exam.resultsRecordedAt = this.clock.now();
      exam.updatedAt = this.clock.now();
      await em.save(exam);
      const violationIds = await this.findings.record(
        em,
        actor,
        {
          schoolId: exam.schoolId,
          townshipCode: exam.townshipCode,
          term: exam.term,
          source: ExamViolationSource.EXAM,
          planId: null,
          examId: exam.id,
        },
        resultBreaches(exam.grade, results),
      );
      await this.audit.record(em, {
        actor,
        action: 'schools.exam.results_recorded',
        entityType: 'school_exam',
        entityId: exam.id,
        summary: { before, after: exam.results },
      });
      await this.events.publish(em, 'schools.exam.results_recorded', {
        examId: exam.id,
        schoolId: exam.schoolId,
        townshipCode: exam.townshipCode,
        term: exam.term,
        violations: violationIds.length,
      });
      return { exam, violationIds };
    });
  }

  /** One recorder at a time per school and term: the count rules read the exams recorded before. */
  private async lockTerm(em: EntityManager, schoolId: string, term: string): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`school_exam:${schoolId}:${term}`]);
  }
}
