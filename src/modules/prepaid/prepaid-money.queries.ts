import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Principal } from '../../platform/auth/principal';
import { applyScope } from '../../platform/auth/scope';
import { Connection, PageArgs, paginate } from '../../platform/graphql/pagination';
import { PrepaidContract } from './entities/prepaid-contract.entity';
import { PrepaidRefund, PrepaidRefundStatus } from './entities/prepaid-refund.entity';
import { PrepaidRelease } from './entities/prepaid-release.entity';

/** Jurisdiction of prepaid money rows, through the contract: own institution, township, competent department. */
const SCOPE = {
  institution: 'c.institution_id',
  township: 'c.township_code',
  department: 'c.competent_department_code',
};

/** Reads of refund cases and releases, scoped in SQL, newest first. */
@Injectable()
export class PrepaidMoneyQueries {
  constructor(private readonly dataSource: DataSource) {}

  refunds(
    actor: Principal,
    filter: { status?: PrepaidRefundStatus; institutionId?: string; contractId?: string },
    page: PageArgs,
  ): Promise<Connection<PrepaidRefund>> {
    const qb = this.dataSource
      .getRepository(PrepaidRefund)
      .createQueryBuilder('r')
      .innerJoin(PrepaidContract, 'c', 'c.id = r.contract_id');
    applyScope(qb, actor, SCOPE);
    if (filter.status) qb.andWhere('r.status = :status', { status: filter.status });
    if (filter.institutionId) qb.andWhere('r.institution_id = :inst', { inst: filter.institutionId });
    if (filter.contractId) qb.andWhere('r.contract_id = :contract', { contract: filter.contractId });
    return paginate(qb, page, {
      list: 'prepaid.refunds',
      valueType: 'timestamp',
      column: 'r.requested_at',
      value: (r) => r.requestedAt,
      tieBreaker: 'r.id',
      tieValue: (r) => r.id,
      direction: 'DESC',
    });
  }

  /** Releases; all contracts of a release belong to one institution, so its first contract carries the scope. */
  releases(actor: Principal, filter: { institutionId?: string }, page: PageArgs): Promise<Connection<PrepaidRelease>> {
    const qb = this.dataSource
      .getRepository(PrepaidRelease)
      .createQueryBuilder('rl')
      .innerJoin(PrepaidContract, 'c', 'c.id = rl.contract_ids[1]');
    applyScope(qb, actor, SCOPE);
    if (filter.institutionId) qb.andWhere('rl.institution_id = :inst', { inst: filter.institutionId });
    return paginate(qb, page, {
      list: 'prepaid.releases',
      valueType: 'timestamp',
      column: 'rl.created_at',
      value: (r) => r.createdAt,
      tieBreaker: 'rl.id',
      tieValue: (r) => r.id,
      direction: 'DESC',
    });
  }
}
