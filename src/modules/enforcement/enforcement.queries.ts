import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '../../platform/auth/principal';
import { applyScope } from '../../platform/auth/scope';
import { Connection, PageArgs, paginate } from '../../platform/graphql/pagination';
import { UUID } from '../../platform/ids/uuid';
import { PENALTY_SCOPE } from './enforcement.access';
import { PenaltyKind, PenaltyStatus } from './enforcement.enums';
import { penaltyNotFound } from './enforcement.errors';
import { PenaltyDecision } from './entities/penalty-decision.entity';

export interface PenaltyFilter {
  institutionId?: string;
  leadId?: string;
  townshipCode?: string;
  kind?: PenaltyKind;
  status?: PenaltyStatus;
  decidingDepartmentCode?: string;
  /** Decided on or after this day. */
  decidedFrom?: string;
  /** Decided on or before this day. */
  decidedTo?: string;
  /** Only decisions against unlicensed operators (a lead, no institution). */
  unlicensed?: boolean;
}

/** A published decision as the public profile shows it. */
export type PublicPenalty = Pick<
  PenaltyDecision,
  | 'id'
  | 'institutionId'
  | 'decisionNumber'
  | 'subjectName'
  | 'kinds'
  | 'fineFen'
  | 'confiscatedFen'
  | 'legalBasis'
  | 'facts'
  | 'decidingDepartmentCode'
  | 'decidedOn'
  | 'publishedUntil'
  | 'status'
>;

/** The report section's figures over decisions decided in a window. */
export interface PenaltyFigures {
  decided: number;
  byKind: Record<PenaltyKind, number>;
  fineFen: bigint;
  confiscatedFen: bigint;
  carriedOut: number;
  unlicensed: number;
}

/**
 * The enforcement module's reads: decisions as a principal may see them (scoped in SQL), a decision
 * locked for its change, what the public profile shows, and the report figures.
 */
@Injectable()
export class EnforcementQueries {
  constructor(private readonly dataSource: DataSource) {}

  private scoped(actor: Principal) {
    return applyScope(
      this.dataSource.getRepository(PenaltyDecision).createQueryBuilder('p'),
      actor,
      PENALTY_SCOPE.columns,
      PENALTY_SCOPE.options,
    );
  }

  /** The decisions the principal may see, newest decision first. */
  list(actor: Principal, filter: PenaltyFilter, page: PageArgs): Promise<Connection<PenaltyDecision>> {
    const qb = this.scoped(actor);
    if (filter.institutionId) qb.andWhere('p.institution_id = :institution', { institution: filter.institutionId });
    if (filter.leadId) qb.andWhere('p.lead_id = :lead', { lead: filter.leadId });
    if (filter.townshipCode) qb.andWhere('p.township_code = :township', { township: filter.townshipCode });
    if (filter.kind) qb.andWhere(':kind = ANY(p.kinds)', { kind: filter.kind });
    if (filter.status) qb.andWhere('p.status = :status', { status: filter.status });
    if (filter.decidingDepartmentCode)
      qb.andWhere('p.deciding_department_code = :department', { department: filter.decidingDepartmentCode });
    if (filter.decidedFrom) qb.andWhere('p.decided_on >= :from', { from: filter.decidedFrom });
    if (filter.decidedTo) qb.andWhere('p.decided_on <= :to', { to: filter.decidedTo });
    if (filter.unlicensed === true) qb.andWhere('p.institution_id IS NULL');
    if (filter.unlicensed === false) qb.andWhere('p.institution_id IS NOT NULL');
    return paginate(qb, page, {
      list: 'enforcement.penalties',
      valueType: 'date',
      column: 'p.decided_on',
      value: (p) => p.decidedOn,
      tieBreaker: 'p.id',
      tieValue: (p) => p.id,
      direction: 'DESC',
    });
  }

  /** A decision the principal may see; one outside its scope is PENALTY_NOT_FOUND, like a missing one. */
  async get(actor: Principal, id: string): Promise<PenaltyDecision> {
    const found = UUID.test(id) ? await this.scoped(actor).andWhere('p.id = :id', { id }).getOne() : null;
    if (!found) throw penaltyNotFound(id);
    return found;
  }

  /** A decision locked for its change (unscoped: the service checks the deciding department). */
  lock(em: EntityManager, id: string): Promise<PenaltyDecision | null> {
    if (!UUID.test(id)) return Promise.resolve(null);
    return em
      .getRepository(PenaltyDecision)
      .createQueryBuilder('p')
      .where('p.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
  }

  numberTaken(em: EntityManager, decisionNumber: string): Promise<boolean> {
    return em.getRepository(PenaltyDecision).existsBy({ decisionNumber });
  }

  /** Published decisions on the given institutions' public profiles on `today` (newest first), in one statement. */
  publishedFor(institutionIds: readonly string[], today: string): Promise<PublicPenalty[]> {
    if (institutionIds.length === 0) return Promise.resolve([]);
    return this.dataSource
      .getRepository(PenaltyDecision)
      .createQueryBuilder('p')
      .where('p.institution_id IN (:...ids)', { ids: [...institutionIds] })
      .andWhere(`p.status <> 'WITHDRAWN' AND p.publication_ended_on IS NULL`)
      .andWhere('p.published_until >= :today', { today })
      .orderBy('p.decided_on', 'DESC')
      .addOrderBy('p.id', 'DESC')
      .getMany();
  }

  /** Published decisions whose publication period is over on `today` (for the expiry job), oldest first. */
  publicationOver(em: EntityManager, today: string, limit: number): Promise<PenaltyDecision[]> {
    return em
      .getRepository(PenaltyDecision)
      .createQueryBuilder('p')
      .where(`p.published_until IS NOT NULL AND p.publication_ended_on IS NULL AND p.status <> 'WITHDRAWN'`)
      .andWhere('p.published_until < :today', { today })
      .orderBy('p.published_until', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  /**
   * Report figures over decisions decided in [from, to) (business dates) and not withdrawn: how many, by
   * kind, fines and confiscations in fen, how many carried out, how many against unlicensed operators.
   */
  async figures(from: string, to: string): Promise<PenaltyFigures> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS decided,
              coalesce(sum(fine_fen), 0)::text AS fine,
              coalesce(sum(confiscated_fen), 0)::text AS confiscated,
              count(*) FILTER (WHERE status = 'CARRIED_OUT')::int AS carried_out,
              count(*) FILTER (WHERE institution_id IS NULL)::int AS unlicensed
         FROM penalty_decision
        WHERE decided_on >= $1 AND decided_on < $2 AND status <> 'WITHDRAWN'`,
      [from, to],
    )) as { decided: number; fine: string; confiscated: string; carried_out: number; unlicensed: number }[];
    const kinds = (await this.dataSource.query(
      `SELECT k AS kind, count(*)::int AS n
         FROM penalty_decision, unnest(kinds) AS k
        WHERE decided_on >= $1 AND decided_on < $2 AND status <> 'WITHDRAWN'
        GROUP BY k`,
      [from, to],
    )) as { kind: PenaltyKind; n: number }[];
    const byKind = Object.fromEntries(Object.values(PenaltyKind).map((k) => [k, 0])) as Record<PenaltyKind, number>;
    for (const k of kinds) byKind[k.kind] = k.n;
    return {
      decided: row?.decided ?? 0,
      byKind,
      fineFen: BigInt(row?.fine ?? '0'),
      confiscatedFen: BigInt(row?.confiscated ?? '0'),
      carriedOut: row?.carried_out ?? 0,
      unlicensed: row?.unlicensed ?? 0,
    };
  }
}
