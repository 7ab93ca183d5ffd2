import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Principal } from '../../platform/auth/principal';
import { applyScope } from '../../platform/auth/scope';
import { Connection, PageArgs, paginate } from '../../platform/graphql/pagination';
import { LeadStatus, UnlicensedLead } from './entities/unlicensed-lead.entity';
import { LEAD_SCOPE } from './registry.access';
import { leadNotFound } from './registry.errors';

export interface LeadFilter {
  townshipCode?: string;
  status?: LeadStatus;
  /** Only leads open past the clearance deadline. */
  overdue?: boolean;
}

/** Still open: OPEN or INVESTIGATING. */
const OPEN_SQL = `l.status IN ('OPEN','INVESTIGATING')`;

/**
 * The registry's reads of unlicensed-training leads (非法/变异培训线索): the list and a lead as the principal
 * may see them, the dashboard counts, and a lead locked for its change. Overdue means open and reported
 * before `before`, the cut-off LeadService computes from the county rule.
 */
@Injectable()
export class LeadQueries {
  constructor(@InjectRepository(UnlicensedLead) private readonly leads: Repository<UnlicensedLead>) {}

  /** The leads the principal may see, newest first. `before`: the overdue cut-off (needed with `filter.overdue`). */
  list(actor: Principal, filter: LeadFilter, page: PageArgs, before?: Date): Promise<Connection<UnlicensedLead>> {
    const qb = applyScope(this.leads.createQueryBuilder('l'), actor, LEAD_SCOPE.columns, LEAD_SCOPE.options);
    if (filter.townshipCode) qb.andWhere('l.township_code = :township', { township: filter.townshipCode });
    if (filter.status) qb.andWhere('l.status = :status', { status: filter.status });
    if (filter.overdue) qb.andWhere(`${OPEN_SQL} AND l.reported_at < :before`, { before });
    return paginate(qb, page, {
      list: 'registry.leads',
      valueType: 'timestamp',
      column: 'l.reported_at',
      value: (l) => l.reportedAt,
      tieBreaker: 'l.id',
      tieValue: (l) => l.id,
      direction: 'DESC',
    });
  }

  /** A lead the principal may see; one outside its scope is LEAD_NOT_FOUND, like a missing one. */
  async lead(actor: Principal, id: string): Promise<UnlicensedLead> {
    const lead = await applyScope(
      this.leads.createQueryBuilder('l').where('l.id = :id', { id }),
      actor,
      LEAD_SCOPE.columns,
      LEAD_SCOPE.options,
    ).getOne();
    if (!lead) throw leadNotFound(id);
    return lead;
  }

  /** The leads with these ids the principal may see (the scope of `unlicensedLead(id:)`), in one statement. */
  readableByIds(actor: Principal, ids: readonly string[]): Promise<UnlicensedLead[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return applyScope(
      this.leads.createQueryBuilder('l').where('l.id IN (:...ids)', { ids: [...ids] }),
      actor,
      LEAD_SCOPE.columns,
      LEAD_SCOPE.options,
    ).getMany();
  }

  /** A lead by id, unscoped (for another module that has scoped its own record); null when none. */
  byId(id: string): Promise<UnlicensedLead | null> {
    return this.leads.findOneBy({ id });
  }

  /** A lead locked for its change, only in `township` when given (a township officer's); null when none. */
  lockLead(em: EntityManager, id: string, township: string | null): Promise<UnlicensedLead | null> {
    const qb = em
      .getRepository(UnlicensedLead)
      .createQueryBuilder('l')
      .where('l.id = :id', { id })
      .setLock('pessimistic_write');
    if (township !== null) qb.andWhere('l.township_code = :own', { own: township });
    return qb.getOne();
  }

  /** Open leads reported before `before` (dashboard KPI 动态清零, target 0), county-wide or in a township. */
  countOverdue(before: Date, townshipCode?: string): Promise<number> {
    const qb = this.leads.createQueryBuilder('l').where(`${OPEN_SQL} AND l.reported_at < :before`, { before });
    if (townshipCode) qb.andWhere('l.township_code = :township', { township: townshipCode });
    return qb.getCount();
  }

  /** Open leads (OPEN or INVESTIGATING), county-wide or in a township. */
  countOpen(townshipCode?: string): Promise<number> {
    const qb = this.leads.createQueryBuilder('l').where(OPEN_SQL);
    if (townshipCode) qb.andWhere('l.township_code = :township', { township: townshipCode });
    return qb.getCount();
  }

  /** Leads open at an instant (reported before it, not resolved by then), and those cleared (取缔 or 规范登记) in [from, to). */
  async countOpenAtAndCleared(from: Date, to: Date): Promise<{ openAtEnd: number; cleared: number }> {
    const [r] = (await this.leads.query(
      `SELECT count(*) FILTER (WHERE reported_at < $2 AND (resolved_at IS NULL OR resolved_at >= $2))::int AS "openAtEnd",
              count(*) FILTER (WHERE status IN ('CLOSED','REGULARISED') AND resolved_at >= $1 AND resolved_at < $2)::int AS cleared
       FROM unlicensed_lead WHERE reported_at < $2`,
      [from, to],
    )) as { openAtEnd: number; cleared: number }[];
    return r!;
  }
}
