import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { Principal } from '../../../platform/auth/principal';
import { Connection, PageArgs, paginate } from '../../../platform/graphql/pagination';
import { UUID } from '../../../platform/ids/uuid';
import { AccountabilityCaseItem } from '../entities/accountability-case-item.entity';
import { AccountabilityCase } from '../entities/accountability-case.entity';
import { RectificationOrder } from '../entities/rectification-order.entity';
import { taskScopeSql } from '../supervision.access';
import { caseScopeSql } from './accountability.access';
import { AccountabilityCaseStatus, AccountabilityDecisionKind, AccountabilityPartyKind } from './accountability.enums';

export interface AccountabilityCaseFilterValues {
  status?: AccountabilityCaseStatus;
  partyKind?: AccountabilityPartyKind;
  partyCode?: string;
  decisionKind?: AccountabilityDecisionKind;
  /** True: only cases past their decision deadline and not decided; false: the others. */
  decisionOverdue?: boolean;
}

/** Flow figures of a report window: cases opened, decided, and decisions by kind. */
export interface AccountabilityWindowFigures {
  opened: number;
  decided: number;
  byKind: Record<AccountabilityDecisionKind, number>;
}

/** The reads of accountability cases (问责): every SQL the accountability service, resolvers and report section use. */
@Injectable()
export class AccountabilityQueries {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(AccountabilityCase) private readonly cases: Repository<AccountabilityCase>,
    @InjectRepository(AccountabilityCaseItem) private readonly items: Repository<AccountabilityCaseItem>,
    @InjectRepository(RectificationOrder) private readonly orders: Repository<RectificationOrder>,
  ) {}

  /**
   * The rectification orders with these ids the caller may read (those whose task the caller may read, the
   * scope of `rectificationOrder(id:)`), in one statement: for the link from a case's item.
   */
  readableOrdersByIds(actor: Principal, ids: readonly string[]): Promise<RectificationOrder[]> {
    if (ids.length === 0) return Promise.resolve([]);
    const scope = taskScopeSql(actor, 't');
    return this.orders
      .createQueryBuilder('o')
      .innerJoin('supervision_task', 't', 't.id = o.task_id')
      .where('o.id IN (:...ids)', { ids: [...ids] })
      .andWhere(scope.sql, scope.params)
      .getMany();
  }

  /** The cases the caller may read, newest first, narrowed by the filter (scope as SQL). */
  list(
    actor: Principal,
    filter: AccountabilityCaseFilterValues,
    page: PageArgs,
    now: Date,
  ): Promise<Connection<AccountabilityCase>> {
    const scope = caseScopeSql(actor, 'c');
    const qb = this.cases.createQueryBuilder('c').where(scope.sql, scope.params);
    if (filter.status) qb.andWhere('c.status = :status', { status: filter.status });
    if (filter.partyKind) qb.andWhere('c.party_kind = :partyKind', { partyKind: filter.partyKind });
    if (filter.partyCode) qb.andWhere('c.party_code = :partyCode', { partyCode: filter.partyCode });
    if (filter.decisionKind) qb.andWhere('c.decision_kind = :decisionKind', { decisionKind: filter.decisionKind });
    if (filter.decisionOverdue !== undefined) {
      const overdue = `(c.status <> 'DECIDED' AND c.decision_due_at < :now)`;
      qb.andWhere(filter.decisionOverdue ? overdue : `NOT ${overdue}`, { now });
    }
    return paginate(qb, page, {
      list: 'supervision.accountability-cases',
      valueType: 'timestamp',
      column: 'c.opened_at',
      value: (c) => c.openedAt,
      tieBreaker: 'c.id',
      tieValue: (c) => c.id,
      direction: 'DESC',
    });
  }

  /** One case if the caller may read it (scope as SQL), else null. */
  async readable(actor: Principal, id: string): Promise<AccountabilityCase | null> {
    if (!UUID.test(id)) return null;
    const scope = caseScopeSql(actor, 'c');
    return this.cases.createQueryBuilder('c').where('c.id = :id', { id }).andWhere(scope.sql, scope.params).getOne();
  }

  /** The overdue items of these cases, each case's by due date: for the `items` field's loader. */
  itemsOfCases(caseIds: readonly string[]): Promise<AccountabilityCaseItem[]> {
    if (caseIds.length === 0) return Promise.resolve([]);
    return this.items
      .createQueryBuilder('i')
      .where('i.case_id IN (:...ids)', { ids: [...caseIds] })
      .orderBy('i.due_at')
      .addOrderBy('i.item_id')
      .getMany();
  }

  /** Cases opened and decided in [from, to), and the decisions by kind. */
  async windowFigures(from: Date, to: Date): Promise<AccountabilityWindowFigures> {
    const [row] = (await this.dataSource.query(
      `SELECT
         (SELECT count(*)::int FROM accountability_case WHERE opened_at >= $1 AND opened_at < $2) AS opened,
         count(*)::int AS decided,
         count(*) FILTER (WHERE decision_kind = 'INTERVIEW')::int AS "INTERVIEW",
         count(*) FILTER (WHERE decision_kind = 'CIRCULATED')::int AS "CIRCULATED",
         count(*) FILTER (WHERE decision_kind = 'ACCOUNTABILITY')::int AS "ACCOUNTABILITY",
         count(*) FILTER (WHERE decision_kind = 'NO_ACTION')::int AS "NO_ACTION"
       FROM accountability_case WHERE decided_at >= $1 AND decided_at < $2`,
      [from, to],
    )) as (Record<AccountabilityDecisionKind, number> & { opened: number; decided: number })[];
    const { opened, decided, ...byKind } = row!;
    return { opened, decided, byKind };
  }
}
