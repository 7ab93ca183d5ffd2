import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '../../platform/auth/principal';
import { applyScope, scopeCondition } from '../../platform/auth/scope';
import { Connection, PageArgs, paginate } from '../../platform/graphql/pagination';
import { PrepaidContract } from './entities/prepaid-contract.entity';
import { PrepaidRefund, PrepaidRefundStatus } from './entities/prepaid-refund.entity';
import { PrepaidRelease } from './entities/prepaid-release.entity';
import { readScope } from './prepaid.access';

/** Jurisdiction of prepaid money rows, through the contract: own institution, township, competent department. */
const SCOPE = {
  institution: 'c.institution_id',
  township: 'c.township_code',
  department: 'c.competent_department_code',
};

/** Reads of refund cases and releases (scoped in SQL, newest first) and the due rows the money jobs work on. */
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
    applyScope(qb, actor, SCOPE, readScope(actor));
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
    applyScope(qb, actor, SCOPE, readScope(actor));
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

  /** Whether the actor's scope covers the contract (registering a refund for it), read in the caller's transaction. */
  async contractVisible(em: EntityManager, actor: Principal, contractId: string): Promise<boolean> {
    const scope = scopeCondition(actor, SCOPE);
    if (scope.kind === 'none') return false;
    return em
      .getRepository(PrepaidContract)
      .createQueryBuilder('c')
      .where('c.id = :id', { id: contractId })
      .andWhere(scope.kind === 'where' ? scope.sql : 'true', scope.kind === 'where' ? scope.params : {})
      .getExists();
  }

  /** Refund requests unanswered past their answer due date (idx_prepaid_refund_due), oldest first. */
  async silentRefundIds(today: string): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM prepaid_refund WHERE status = 'REQUESTED' AND answer_due_on < $1 ORDER BY answer_due_on, id LIMIT 1000`,
      [today],
    );
    return rows.map((r) => r.id);
  }

  /** Approved refunds whose REFUND the bank refused, to instruct again (idx_prepaid_refund_refused). */
  async refusedRefundIds(): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM prepaid_refund WHERE status = 'APPROVED' AND refused_at IS NOT NULL ORDER BY refused_at, id LIMIT 1000`,
    );
    return rows.map((r) => r.id);
  }

  /** An exiting institution's active contracts with lessons left and no open refund case. */
  async contractsToRefundOnExit(em: EntityManager, institutionId: string): Promise<string[]> {
    const rows: { id: string }[] = await em.query(
      `SELECT c.id FROM prepaid_contract c WHERE c.institution_id = $1 AND c.status = 'ACTIVE' AND c.lessons_taught < c.lessons_bought
         AND NOT EXISTS (SELECT 1 FROM prepaid_refund r WHERE r.contract_id = c.id AND r.status IN ('REQUESTED','APPROVED','DISPUTED','INSTRUCTED','OVERDUE'))
       ORDER BY c.id`,
      [institutionId],
    );
    return rows.map((r) => r.id);
  }
}
