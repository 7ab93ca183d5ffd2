import { Injectable } from '@nestjs/common';
import { Principal } from '../../../platform/auth/principal';
import { Clock } from '../../../platform/clock/clock';
import { Connection, PageArgs } from '../../../platform/graphql/pagination';
import { AccountabilityCase } from '../entities/accountability-case.entity';
import { AccountabilityCaseObject } from '../graphql/accountability.objects';
import { AccountabilityCaseStatus } from './accountability.enums';
import { accountabilityCaseNotFound } from './accountability.errors';
import { AccountabilityCaseFilterValues, AccountabilityQueries } from './accountability.queries';

/** Reading accountability cases (问责案件): the caller's list, one case, and whether its deadlines have passed. */
@Injectable()
export class AccountabilityReadService {
  constructor(
    private readonly queries: AccountabilityQueries,
    private readonly clock: Clock,
  ) {}

  async list(
    actor: Principal,
    filter: AccountabilityCaseFilterValues,
    page: PageArgs,
  ): Promise<Connection<AccountabilityCaseObject>> {
    const result = await this.queries.list(actor, filter, page, this.clock.now());
    return { ...result, edges: result.edges.map((e) => ({ cursor: e.cursor, node: this.view(e.node) })) };
  }

  async get(actor: Principal, id: string): Promise<AccountabilityCaseObject> {
    const c = await this.queries.readable(actor, id);
    if (!c) throw accountabilityCaseNotFound(id);
    return this.view(c);
  }

  /** The case as the API shows it, with its deadlines judged now. */
  view(c: AccountabilityCase): AccountabilityCaseObject {
    const now = this.clock.now().getTime();
    return {
      ...c,
      statementOverdue: c.status === AccountabilityCaseStatus.OPEN && now > c.statementDueAt.getTime(),
      decisionOverdue: c.status !== AccountabilityCaseStatus.DECIDED && now > c.decisionDueAt.getTime(),
    };
  }
}
