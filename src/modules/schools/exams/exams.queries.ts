import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { Principal } from '../../../platform/auth/principal';
import { applyScope } from '../../../platform/auth/scope';
import { UUID } from '../../../platform/ids/uuid';
import { Connection, PageArgs, paginate } from '../../../platform/graphql/pagination';
import { ExamPlan } from './entities/exam-plan.entity';
import { ExamViolation, ExamViolationSource } from './entities/exam-violation.entity';
import { SchoolExam } from './entities/school-exam.entity';
import { ExamKind, ExamViolationKind } from './exam.rules';
import { examReadOptions, examScopeColumns } from './exams.access';

export interface ExamPlanFilter {
  schoolId?: string;
  townshipCode?: string;
  term?: string;
}

export interface ExamFilter extends ExamPlanFilter {
  grade?: number;
  kind?: ExamKind;
  from?: string;
  to?: string;
}

export interface ExamViolationFilter extends ExamPlanFilter {
  kind?: ExamViolationKind;
  source?: ExamViolationSource;
  examId?: string;
  planId?: string;
}

/** What a dashboard reads of one term: which schools recorded, which broke a rule, breaches by kind. */
export interface ExamTermFigures {
  schoolsWithPlan: string[];
  schoolsRecorded: string[];
  schoolsWithViolations: string[];
  violationsByKind: { kind: ExamViolationKind; count: number }[];
}

/** Reads of exam plans, exams and violations, scoped in SQL to the reader's jurisdiction. */
@Injectable()
export class ExamQueries {
  constructor(private readonly dataSource: DataSource) {}

  plans(actor: Principal, filter: ExamPlanFilter, page: PageArgs): Promise<Connection<ExamPlan>> {
    const qb = applyScope(
      this.dataSource.getRepository(ExamPlan).createQueryBuilder('p'),
      actor,
      examScopeColumns('p'),
      examReadOptions(actor),
    );
    this.common(qb, 'p', filter);
    return paginate(qb, page, {
      list: 'schools.exam-plans',
      valueType: 'timestamp',
      column: 'p.updated_at',
      value: (p) => p.updatedAt,
      tieBreaker: 'p.id',
      tieValue: (p) => p.id,
      direction: 'DESC',
    });
  }

  exams(actor: Principal, filter: ExamFilter, page: PageArgs): Promise<Connection<SchoolExam>> {
    const qb = applyScope(
      this.dataSource.getRepository(SchoolExam).createQueryBuilder('e'),
      actor,
      examScopeColumns('e'),
      examReadOptions(actor),
    );
    this.common(qb, 'e', filter);
    if (filter.grade !== undefined) qb.andWhere('e.grade = :grade', { grade: filter.grade });
    if (filter.kind) qb.andWhere('e.kind = :kind', { kind: filter.kind });
    if (filter.from) qb.andWhere('e.exam_date >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('e.exam_date <= :to', { to: filter.to });
    return paginate(qb, page, {
      list: 'schools.exams',
      valueType: 'date',
      column: 'e.exam_date',
      value: (e) => e.examDate,
      tieBreaker: 'e.id',
      tieValue: (e) => e.id,
      direction: 'DESC',
    });
  }

  violations(actor: Principal, filter: ExamViolationFilter, page: PageArgs): Promise<Connection<ExamViolation>> {
    const qb = applyScope(
      this.dataSource.getRepository(ExamViolation).createQueryBuilder('v'),
      actor,
      examScopeColumns('v'),
      examReadOptions(actor),
    );
    this.common(qb, 'v', filter);
    if (filter.kind) qb.andWhere('v.kind = :kind', { kind: filter.kind });
    if (filter.source) qb.andWhere('v.source = :source', { source: filter.source });
    if (filter.examId) qb.andWhere('v.exam_id = :exam', { exam: filter.examId });
    if (filter.planId) qb.andWhere('v.plan_id = :plan', { plan: filter.planId });
    return paginate(qb, page, {
      list: 'schools.exam-violations',
      valueType: 'timestamp',
      column: 'v.found_at',
      value: (v) => v.foundAt,
      tieBreaker: 'v.id',
      tieValue: (v) => v.id,
      direction: 'DESC',
    });
  }

  /** Plans by id as the caller may read them (the violation's plan link). */
  readablePlansByIds(actor: Principal, ids: readonly string[]): Promise<ExamPlan[]> {
    const valid = ids.filter((i) => UUID.test(i));
    if (valid.length === 0) return Promise.resolve([]);
    const qb = this.dataSource
      .getRepository(ExamPlan)
      .createQueryBuilder('p')
      .where('p.id IN (:...ids)', { ids: valid });
    return applyScope(qb, actor, examScopeColumns('p'), examReadOptions(actor)).getMany();
  }

  /** Exams by id as the caller may read them (the violation's exam link). */
  readableExamsByIds(actor: Principal, ids: readonly string[]): Promise<SchoolExam[]> {
    const valid = ids.filter((i) => UUID.test(i));
    if (valid.length === 0) return Promise.resolve([]);
    const qb = this.dataSource
      .getRepository(SchoolExam)
      .createQueryBuilder('e')
      .where('e.id IN (:...ids)', { ids: valid });
    return applyScope(qb, actor, examScopeColumns('e'), examReadOptions(actor)).getMany();
  }

  /** Violations just found by the caller's own recording (the mutation's answer), in the order found. */
  async violationsByIds(ids: readonly string[]): Promise<ExamViolation[]> {
    if (ids.length === 0) return [];
    const found = await this.dataSource.getRepository(ExamViolation).findBy({ id: In([...ids]) });
    return found.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
  }

  /** The term's figures over every school (or a township's): the population is the caller's (the dashboard's). */
  async termFigures(term: string, townshipCode?: string): Promise<ExamTermFigures> {
    const params = [term, townshipCode ?? null];
    const township = `($2::varchar IS NULL OR township_code = $2)`;
    const ids = async (sql: string) =>
      ((await this.dataSource.query(sql, params)) as { school_id: string }[]).map((r) => r.school_id);
    const [schoolsWithPlan, schoolsRecorded, schoolsWithViolations, byKind] = await Promise.all([
      ids(`SELECT school_id FROM school_exam_plan WHERE term = $1 AND ${township}`),
      ids(
        `SELECT school_id FROM school_exam_plan WHERE term = $1 AND ${township}
         UNION SELECT school_id FROM school_exam WHERE term = $1 AND ${township}`,
      ),
      ids(`SELECT DISTINCT school_id FROM school_exam_violation WHERE term = $1 AND ${township}`),
      this.dataSource.query(
        `SELECT kind, count(*)::int AS count FROM school_exam_violation WHERE term = $1 AND ${township}
         GROUP BY kind ORDER BY count(*) DESC, kind`,
        params,
      ) as Promise<{ kind: ExamViolationKind; count: number }[]>,
    ]);
    return { schoolsWithPlan, schoolsRecorded, schoolsWithViolations, violationsByKind: byKind };
  }

  private common(
    qb: { andWhere: (sql: string, params?: Record<string, unknown>) => unknown },
    alias: string,
    filter: ExamPlanFilter,
  ): void {
    if (filter.schoolId) qb.andWhere(`${alias}.school_id = :school`, { school: filter.schoolId });
    if (filter.townshipCode) qb.andWhere(`${alias}.township_code = :township`, { township: filter.townshipCode });
    if (filter.term) qb.andWhere(`${alias}.term = :term`, { term: filter.term });
  }
}
