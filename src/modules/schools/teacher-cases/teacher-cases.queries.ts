import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '../../../platform/auth/principal';
import { applyScope } from '../../../platform/auth/scope';
import { Connection, PageArgs, paginate } from '../../../platform/graphql/pagination';
import { TeacherCase, TeacherCaseOutcome, TeacherCaseSource, TeacherCaseStatus } from './entities/teacher-case.entity';
import { readOptions, scopeColumns } from './teacher-cases.access';

export interface TeacherCaseFilter {
  status?: TeacherCaseStatus;
  outcome?: TeacherCaseOutcome;
  source?: TeacherCaseSource;
  schoolId?: string;
  townshipCode?: string;
  teacherId?: string;
  rosterHash?: string;
  institutionId?: string;
  complaintId?: string;
  /** Open cases past their decision day (true) or not (false), on the business date `today`. */
  overdue?: boolean;
}

/** Reads of teacher cases, always in the caller's scope (SQL). */
@Injectable()
export class TeacherCaseQueries {
  constructor(private readonly dataSource: DataSource) {}

  private scoped(actor: Principal) {
    return applyScope(
      this.dataSource.getRepository(TeacherCase).createQueryBuilder('c'),
      actor,
      scopeColumns('c'),
      readOptions(actor),
    );
  }

  byId(actor: Principal, id: string): Promise<TeacherCase | null> {
    return this.scoped(actor).andWhere('c.id = :id', { id }).getOne();
  }

  readableByIds(actor: Principal, ids: readonly string[]): Promise<TeacherCase[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.scoped(actor)
      .andWhere('c.id IN (:...ids)', { ids: [...ids] })
      .getMany();
  }

  list(actor: Principal, filter: TeacherCaseFilter, page: PageArgs, today: string): Promise<Connection<TeacherCase>> {
    const qb = this.scoped(actor);
    if (filter.status) qb.andWhere('c.status = :status', { status: filter.status });
    if (filter.outcome) qb.andWhere('c.outcome = :outcome', { outcome: filter.outcome });
    if (filter.source) qb.andWhere('c.source_kind = :source', { source: filter.source });
    if (filter.schoolId) qb.andWhere('c.school_id = :school', { school: filter.schoolId });
    if (filter.townshipCode) qb.andWhere('c.township_code = :township', { township: filter.townshipCode });
    if (filter.teacherId) qb.andWhere('c.teacher_id = :teacher', { teacher: filter.teacherId });
    if (filter.rosterHash) qb.andWhere('c.roster_hash = :hash', { hash: filter.rosterHash });
    if (filter.institutionId) qb.andWhere('c.institution_id = :institution', { institution: filter.institutionId });
    if (filter.complaintId) qb.andWhere('c.complaint_id = :complaint', { complaint: filter.complaintId });
    if (filter.overdue === true) qb.andWhere(`c.status = 'OPEN' AND c.decision_due_on < :today`, { today });
    if (filter.overdue === false) qb.andWhere(`NOT (c.status = 'OPEN' AND c.decision_due_on < :today)`, { today });
    return paginate(qb, page, {
      list: 'schools.teacher-cases',
      valueType: 'timestamp',
      column: 'c.opened_at',
      value: (c) => c.openedAt,
      tieBreaker: 'c.id',
      tieValue: (c) => c.id,
      direction: 'DESC',
    });
  }

  /** The cases of teachers by roster hash in the caller's scope, newest first (a teacher's record). */
  casesOfHashes(actor: Principal, hashes: readonly string[]): Promise<TeacherCase[]> {
    if (hashes.length === 0) return Promise.resolve([]);
    return this.scoped(actor)
      .andWhere('c.roster_hash IN (:...hashes)', { hashes: [...hashes] })
      .orderBy('c.opened_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .getMany();
  }

  /** The case of a teacher and source, if opened (any scope: idempotency of opening). */
  bySource(em: EntityManager, teacherId: string, source: TeacherCaseSource, ref: string): Promise<TeacherCase | null> {
    return em.getRepository(TeacherCase).findOneBy({ teacherId, sourceKind: source, sourceRef: ref });
  }

  /** The case, locked until the transaction ends (recording an outcome). */
  lock(em: EntityManager, id: string): Promise<TeacherCase | null> {
    return em
      .getRepository(TeacherCase)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.id = :id', { id })
      .getOne();
  }
}
