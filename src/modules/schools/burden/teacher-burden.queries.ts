import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '../../../platform/auth/principal';
import { applyScope } from '../../../platform/auth/scope';
import { Connection, PageArgs, paginate } from '../../../platform/graphql/pagination';
import { TeacherBurdenDemand } from './entities/teacher-burden-demand.entity';
import { readOptions, scopeColumns } from './teacher-burden.access';
import { BurdenApprovalStatus, BurdenDemandKind } from './teacher-burden.enums';

export interface BurdenDemandFilter {
  schoolId?: string;
  townshipCode?: string;
  kind?: BurdenDemandKind;
  approvalStatus?: BurdenApprovalStatus;
  requesterDepartmentCode?: string;
  /** Demands starting on or after this day. */
  from?: string;
  /** Demands starting on or before this day. */
  to?: string;
  /** Withdrawn demands too (default: only those in force). */
  includeWithdrawn?: boolean;
}

/** Figures of demands in force, per school or per month. */
export interface BurdenFigures {
  demands: number;
  unapprovedDemands: number;
  teachersInvolved: number;
  teacherHours: number;
}

const FIGURES = `count(*)::int AS demands,
  count(*) FILTER (WHERE approval_status <> 'DECLARED')::int AS unapproved,
  coalesce(sum(teachers_involved), 0)::int AS teachers,
  coalesce(sum(teacher_hours), 0)::float8 AS hours`;

type FigureRow = { demands: number; unapproved: number; teachers: number; hours: number };
const figuresOf = (r: FigureRow | undefined): BurdenFigures => ({
  demands: r?.demands ?? 0,
  unapprovedDemands: r?.unapproved ?? 0,
  teachersInvolved: r?.teachers ?? 0,
  teacherHours: Math.round((r?.hours ?? 0) * 10) / 10,
});

/** Reads of teacher-burden demands (教师负担): lists and by id in the caller's scope, and the figures. */
@Injectable()
export class TeacherBurdenQueries {
  constructor(private readonly dataSource: DataSource) {}

  list(actor: Principal, filter: BurdenDemandFilter, page: PageArgs): Promise<Connection<TeacherBurdenDemand>> {
    const qb = this.dataSource.getRepository(TeacherBurdenDemand).createQueryBuilder('d');
    if (filter.schoolId) qb.andWhere('d.school_id = :schoolId', { schoolId: filter.schoolId });
    if (filter.townshipCode) qb.andWhere('d.township_code = :townshipCode', { townshipCode: filter.townshipCode });
    if (filter.kind) qb.andWhere('d.kind = :kind', { kind: filter.kind });
    if (filter.approvalStatus) qb.andWhere('d.approval_status = :approval', { approval: filter.approvalStatus });
    if (filter.requesterDepartmentCode)
      qb.andWhere('d.requester_department_code = :requester', { requester: filter.requesterDepartmentCode });
    if (filter.from) qb.andWhere('d.starts_on >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('d.starts_on <= :to', { to: filter.to });
    if (!filter.includeWithdrawn) qb.andWhere('d.withdrawn_at IS NULL');
    applyScope(qb, actor, scopeColumns('d'), readOptions(actor));
    return paginate(qb, page, {
      list: 'schools.teacher-burden-demands',
      valueType: 'date',
      column: 'd.starts_on',
      value: (d) => d.startsOn,
      tieBreaker: 'd.id',
      tieValue: (d) => d.id,
      direction: 'DESC',
    });
  }

  /** One demand if the caller may read it, else null. */
  byId(actor: Principal, id: string): Promise<TeacherBurdenDemand | null> {
    const qb = this.dataSource.getRepository(TeacherBurdenDemand).createQueryBuilder('d').where('d.id = :id', { id });
    applyScope(qb, actor, scopeColumns('d'), readOptions(actor));
    return qb.getOne();
  }

  /** The demand, locked for a change in the caller's transaction. */
  lock(em: EntityManager, id: string): Promise<TeacherBurdenDemand | null> {
    return em.findOne(TeacherBurdenDemand, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Per school, the demands in force starting in [from, to) (schools without any are absent). */
  async bySchool(schoolIds: readonly string[], from: string, to: string): Promise<Map<string, BurdenFigures>> {
    if (schoolIds.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      `SELECT school_id, ${FIGURES} FROM teacher_burden_demand
       WHERE withdrawn_at IS NULL AND school_id = ANY($1::uuid[]) AND starts_on >= $2::date AND starts_on < $3::date
       GROUP BY school_id`,
      [schoolIds, from, to],
    )) as (FigureRow & { school_id: string })[];
    return new Map(rows.map((r) => [r.school_id, figuresOf(r)]));
  }

  /** Per month ('YYYY-MM'), the demands in force starting in [from, to), of a township or the county. */
  async byMonth(
    townshipCode: string | null,
    from: string,
    to: string,
  ): Promise<Map<string, BurdenFigures & { schoolsReporting: number }>> {
    const rows = (await this.dataSource.query(
      `SELECT to_char(starts_on, 'YYYY-MM') AS month, count(DISTINCT school_id)::int AS schools, ${FIGURES}
       FROM teacher_burden_demand
       WHERE withdrawn_at IS NULL AND starts_on >= $1::date AND starts_on < $2::date AND ($3::varchar IS NULL OR township_code = $3)
       GROUP BY 1`,
      [from, to, townshipCode],
    )) as (FigureRow & { month: string; schools: number })[];
    return new Map(rows.map((r) => [r.month, { ...figuresOf(r), schoolsReporting: r.schools }]));
  }
}
